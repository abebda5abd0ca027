#include <memory>

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <faultline/core/logging.hpp>

namespace faultline::core {

void setup_logging(const std::string& level, const std::string& file) {
    auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    auto logger = std::make_shared<spdlog::logger>("faultline", console);
    logger->set_level(spdlog::level::from_str(level));
    logger->set_pattern("%H:%M:%S.%e %^%l%$ %v");
    spdlog::set_default_logger(logger);
    if (!file.empty())
        add_log_file(file);
}

void add_log_file(const std::string& file) {
    auto sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(file, true);
    sink->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
    spdlog::default_logger()->sinks().push_back(sink);
}

}  // namespace faultline::core
