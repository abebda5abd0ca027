#include "run_command.hpp"

#include <filesystem>
#include <iostream>

#include <spdlog/spdlog.h>

#include <faultline/core/endpoint.hpp>
#include <faultline/live/metrics_server.hpp>
#include <faultline/report/results_writer.hpp>
#include <faultline/run/run_session.hpp>

#include "scenario_loading.hpp"

namespace faultline::cli {

int run_command(const run_options& options) {
    if (!options.metrics_listen.empty()) {
        const auto why =
            live::metrics_server::listen_error(options.metrics_listen, options.metrics_token);
        if (!why.empty()) {
            std::cerr << why << "\n";
            return core::exit_usage;
        }
    }
    auto loaded = load_for_command(options.source);
    if (!loaded)
        return core::exit_usage;
    try {
        run::run_session session(std::move(*loaded),
                                 {options.results_dir, options.progress, options.store,
                                  options.metrics_listen, options.metrics_token});
        return session.run();
    } catch (const std::exception& e) {
        spdlog::error("run failed: {}", e.what());
        return core::exit_cannot_run;
    }
}

int report_command(const std::string& folder) {
    try {
        report::render_results_folder(folder);
    } catch (const std::exception& e) {
        std::cerr << "faultline report: " << e.what() << "\n";
        return core::exit_usage;
    }
    const std::filesystem::path dir(folder);
    std::string rendered;
    for (const auto* writer : report::builtin_writers()) {
        if (writer->from_folder != nullptr)
            rendered += (rendered.empty() ? "" : " and ") + (dir / writer->file).string();
    }
    std::cout << "rendered " << rendered << "\n";
    return core::exit_ok;
}

int validate_command(const scenario_source& source) {
    auto loaded = load_for_command(source);
    if (!loaded)
        return core::exit_usage;
    std::cout << source.path << ": ok (" << loaded->workloads.size() << " workloads, "
              << loaded->services.size() << " services)\n";
    return core::exit_ok;
}

}  // namespace faultline::cli
