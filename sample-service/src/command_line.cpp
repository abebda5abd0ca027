#include <optional>
#include <string>

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

constexpr double min_rate = 0.001;
constexpr double max_rate = 1e9;
constexpr std::size_t max_leak = std::size_t{1} << 30;

// The flags read as text and converted after parsing.
struct text_flags {
    std::string service_time = "2ms";
    std::string idle_timeout = "60s";
    std::string store = "memory";
    std::optional<std::string> rate_limit;  // not given: no limit
    std::optional<std::string> fail_after;  // not given: never
};

// --rate-limit: "200", "200/s", "30/m" into requests per second; an error message otherwise.
expected<double, std::string> parse_rate_limit(const std::string& text) {
    auto rate = core::parse_rate(text);
    if (!rate && text.find('/') == std::string::npos)
        rate = core::parse_rate(text + "/s");  // a bare number means per second
    if (!rate || !(*rate >= min_rate && *rate <= max_rate)) {
        return make_unexpected(
            "--rate-limit must be a positive number of requests per second from 0.001 to "
            "1000000000 "
            "(such as 200 or 200/s), got '" +
            text + "'");
    }
    return *rate;
}

// The checks CLI11 cannot express; an empty string when everything is acceptable.
std::string check(server_options& options, const text_flags& text) {
    if (!core::is_loopback_host(options.host)) {
        return "--host must be a loopback address (127.0.0.0/8, ::1 or localhost), got '" +
               options.host + "': faultline-sample never listens beyond this machine";
    }
    if (text.store == "real")
        return "--store real is not available yet; use --store memory";
    if (text.store != "memory")
        return "--store must be 'memory', got '" + text.store + "'";
    auto service = core::parse_duration(text.service_time);
    if (!service)
        return "--service-time: " + service.error();
    options.service_time = *service;
    auto idle = core::parse_duration(text.idle_timeout);
    if (!idle)
        return "--idle-timeout: " + idle.error();
    if (idle->count() == 0)
        return "--idle-timeout must be longer than 0s";
    options.idle_timeout = *idle;
    if (text.rate_limit) {
        auto rate = parse_rate_limit(*text.rate_limit);
        if (!rate)
            return rate.error();
        options.rate_limit = *rate;
    }
    if (text.fail_after) {
        auto after = core::parse_duration(*text.fail_after);
        if (!after)
            return "--fail-after: " + after.error();
        options.fail_after = *after;
    }
    return {};
}

}  // namespace

command_line parse_command_line(int argc, const char* const* argv) {
    CLI::App app{
        "faultline-sample: an HTTP/1.1 service with a known capacity of "
        "workers / service-time requests per second.",
        program};
    server_options options;
    text_flags text;
    app.add_option("--host", options.host, "Loopback address to listen on")->capture_default_str();
    app.add_option("--port", options.port, "TCP port; 0 picks a free one")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    app.add_option("--workers", options.workers, "Worker slots (N)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))
        ->capture_default_str();
    app.add_option("--service-time", text.service_time, "How long a request holds a worker (D)")
        ->capture_default_str();
    app.add_option("--queue", options.queue, "Requests that may wait for a worker; beyond: 503")
        ->check(CLI::Range(std::size_t{0}, std::size_t{100000000}))
        ->capture_default_str();
    app.add_option("--store", text.store, "Where data lives: memory")->capture_default_str();
    app.add_option("--threads", options.threads, "IO threads")
        ->check(CLI::Range(std::size_t{1}, std::size_t{256}))
        ->capture_default_str();
    app.add_option("--idle-timeout", text.idle_timeout, "Close a connection idle this long")
        ->capture_default_str();
    app.add_option("--rate-limit", text.rate_limit,
                   "Requests per second admitted (200, 200/s, 30/m), burst max(1, R/100); above "
                   "it: 503 with Retry-After: 1 at once. /health is never limited. Default: none");
    app.add_option("--leak-per-request", options.leak_per_request,
                   "Bytes every request served (but /health) leaks and keeps until exit, to "
                   "show a memory leak")
        ->check(CLI::Range(std::size_t{0}, max_leak))
        ->capture_default_str();
    app.add_option("--fail-after", text.fail_after,
                   "From this long after start (such as 8s), answer every request but /health "
                   "500 at once: a target that breaks mid-run. Default: never");
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success&) {
        return command_line{std::nullopt, 0, app.help()};
    } catch (const CLI::ParseError& e) {
        return usage_error(e.what());
    }
    if (auto problem = check(options, text); !problem.empty()) {
        return usage_error(problem);
    }
    return command_line{std::move(options), 0, {}};
}

}  // namespace faultline::sample
