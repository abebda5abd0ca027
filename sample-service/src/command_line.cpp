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
    std::optional<std::string> pg;
    std::optional<std::string> redis;
    std::string dep_timeout = "1s";
    std::string breaker = "off";
    std::string breaker_half_open = "2s";
    std::string bulkhead = "off";
};

// "on" or "off"; nullopt otherwise.
std::optional<bool> on_off(const std::string& text) {
    if (text == "on")
        return true;
    if (text == "off")
        return false;
    return std::nullopt;
}

// --store real and its flags; an empty string when acceptable.
std::string check_real_store(server_options& options, const text_flags& text) {
    if (!text.pg || !text.redis)
        return "--store real needs --pg CONNINFO and --redis HOST:PORT";
    auto redis = core::parse_host_port(*text.redis);
    if (!redis || !core::is_loopback_host(redis->host) || redis->port == 0)
        return "--redis must be a loopback HOST:PORT such as 127.0.0.1:16379, got '" + *text.redis +
               "'";
    auto& real = options.real;
    real.redis = *redis;
    real.pg_conninfo = *text.pg;
    auto timeout = core::parse_duration(text.dep_timeout);
    if (!timeout || timeout->count() <= 0)
        return "--dep-timeout must be a duration above 0 such as 500ms, got '" + text.dep_timeout +
               "'";
    real.dep_timeout = *timeout;
    auto breaker = on_off(text.breaker);
    auto bulkhead = on_off(text.bulkhead);
    if (!breaker || !bulkhead)
        return "--breaker and --bulkhead must be 'on' or 'off'";
    real.breaker = *breaker;
    real.bulkhead = *bulkhead;
    auto half_open = core::parse_duration(text.breaker_half_open);
    if (!half_open || half_open->count() <= 0)
        return "--breaker-half-open must be a duration above 0 such as 2s, got '" +
               text.breaker_half_open + "'";
    real.breaker_config.half_open_after = *half_open;
    return {};
}

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
    if (text.store == "real") {
        options.store = store_kind::real;
        if (auto problem = check_real_store(options, text); !problem.empty())
            return problem;
    } else if (text.store != "memory") {
        return "--store must be 'memory' or 'real', got '" + text.store + "'";
    } else if (text.pg || text.redis) {
        return "--pg and --redis go with --store real";
    }
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
    app.add_option("--store", text.store,
                   "Where data lives: memory, or real (PostgreSQL and Redis: --pg, --redis)")
        ->capture_default_str();
    app.add_option("--pg", text.pg, "--store real: libpq connection string of PostgreSQL");
    app.add_option("--redis", text.redis, "--store real: Redis HOST:PORT (loopback)");
    app.add_option("--dep-timeout", text.dep_timeout, "--store real: timeout of each call")
        ->capture_default_str();
    app.add_option("--retries", options.real.retries, "--store real: extra attempts per call")
        ->check(CLI::Range(0U, 10U))
        ->capture_default_str();
    app.add_option("--breaker", text.breaker,
                   "--store real: a circuit breaker per dependency (on|off)")
        ->capture_default_str();
    app.add_option("--breaker-half-open", text.breaker_half_open,
                   "--store real: an open breaker lets calls through again this long after the "
                   "last failure it saw")
        ->capture_default_str();
    app.add_option("--breaker-failures", options.real.breaker_config.failures_to_open,
                   "--store real: failures in a row that open a breaker")
        ->check(CLI::Range(1U, 1000U))
        ->capture_default_str();
    app.add_option("--bulkhead", text.bulkhead,
                   "--store real: a separate pool of --workers slots per dependency (on|off)")
        ->capture_default_str();
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
