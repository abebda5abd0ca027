#include <CLI/CLI.hpp>

#include <faultline/core/endpoint.hpp>
#include <faultline/core/units.hpp>
#include <faultline/sample/command_line.hpp>

namespace faultline::sample {
namespace {

constexpr const char* program = "faultline-sample";

command_line usage_error(const std::string& message) {
    return command_line{
        std::nullopt, 2,
        std::string(program) + ": " + message + "\nRun with --help for more information.\n"};
}

// The checks CLI11 cannot express; an empty string when everything is acceptable.
std::string check(server_options& options, const std::string& service_time,
                  const std::string& idle_timeout, const std::string& store) {
    if (!core::is_loopback_host(options.host)) {
        return "--host must be a loopback address (127.0.0.0/8, ::1 or localhost), got '" +
               options.host + "': faultline-sample never listens beyond this machine";
    }
    if (store == "real")
        return "--store real is not available yet; use --store memory";
    if (store != "memory")
        return "--store must be 'memory', got '" + store + "'";
    auto service = core::parse_duration(service_time);
    if (!service)
        return "--service-time: " + service.error();
    options.service_time = *service;
    auto idle = core::parse_duration(idle_timeout);
    if (!idle)
        return "--idle-timeout: " + idle.error();
    if (idle->count() == 0)
        return "--idle-timeout must be longer than 0s";
    options.idle_timeout = *idle;
    return {};
}

}  // namespace

command_line parse_command_line(int argc, const char* const* argv) {
    CLI::App app{
        "faultline-sample: an HTTP/1.1 service with a known capacity of "
        "workers / service-time requests per second.",
        program};
    server_options options;
    std::string service_time = "2ms";
    std::string idle_timeout = "60s";
    std::string store = "memory";
    app.add_option("--host", options.host, "Loopback address to listen on")->capture_default_str();
    app.add_option("--port", options.port, "TCP port; 0 picks a free one")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    app.add_option("--workers", options.workers, "Worker slots (N)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))
        ->capture_default_str();
    app.add_option("--service-time", service_time, "How long a request holds a worker (D)")
        ->capture_default_str();
    app.add_option("--queue", options.queue, "Requests that may wait for a worker; beyond: 503")
        ->check(CLI::Range(std::size_t{0}, std::size_t{100000000}))
        ->capture_default_str();
    app.add_option("--store", store, "Where data lives: memory")->capture_default_str();
    app.add_option("--threads", options.threads, "IO threads")
        ->check(CLI::Range(std::size_t{1}, std::size_t{256}))
        ->capture_default_str();
    app.add_option("--idle-timeout", idle_timeout, "Close a connection idle this long")
        ->capture_default_str();
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success&) {
        return command_line{std::nullopt, 0, app.help()};
    } catch (const CLI::ParseError& e) {
        return usage_error(e.what());
    }
    if (auto problem = check(options, service_time, idle_timeout, store); !problem.empty()) {
        return usage_error(problem);
    }
    return command_line{std::move(options), 0, {}};
}

}  // namespace faultline::sample
