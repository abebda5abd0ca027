#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <faultline/sample/command_line.hpp>

using namespace std::chrono_literals;
using faultline::sample::parse_command_line;

namespace {

faultline::sample::command_line parse(std::vector<const char*> args) {
    args.insert(args.begin(), "faultline-sample");
    return parse_command_line(static_cast<int>(args.size()), args.data());
}

}  // namespace

TEST_CASE("defaults match the documented flags", "[command_line]") {
    auto cli = parse({});
    REQUIRE(cli.options.has_value());
    CHECK(cli.options->host == "127.0.0.1");
    CHECK(cli.options->port == 18080);
    CHECK(cli.options->workers == 8);
    CHECK(cli.options->service_time == 2ms);
    CHECK(cli.options->queue == 10000);
    CHECK(cli.options->threads == 1);
    CHECK(cli.options->idle_timeout == 60s);
    CHECK_FALSE(cli.options->rate_limit.has_value());
    CHECK(cli.options->leak_per_request == 0);
}

TEST_CASE("every flag is read", "[command_line]") {
    auto cli =
        parse({"--host", "::1", "--port", "0", "--workers", "3", "--service-time", "1.5ms",
               "--queue", "0", "--store", "memory", "--threads", "2", "--idle-timeout", "250ms"});
    REQUIRE(cli.options.has_value());
    CHECK(cli.options->host == "::1");
    CHECK(cli.options->port == 0);
    CHECK(cli.options->workers == 3);
    CHECK(cli.options->service_time == 1500us);
    CHECK(cli.options->queue == 0);
    CHECK(cli.options->threads == 2);
    CHECK(cli.options->idle_timeout == 250ms);
    CHECK(parse({"--host", "localhost"}).options.has_value());
    CHECK(parse({"--host", "127.0.0.2"}).options.has_value());
}

TEST_CASE("a rate limit is a bare number or a rate, a leak is bytes", "[command_line]") {
    auto [text, per_second] = GENERATE(table<const char*, double>({
        {"200", 200.0},
        {"200/s", 200.0},
        {"0.5", 0.5},
        {"30/m", 0.5},
        {"1000000000", 1e9},
    }));
    auto cli = parse({"--rate-limit", text, "--leak-per-request", "4096"});
    INFO(text << ": " << cli.message);
    REQUIRE(cli.options.has_value());
    REQUIRE(cli.options->rate_limit.has_value());
    CHECK(*cli.options->rate_limit == Approx(per_second));
    CHECK(cli.options->leak_per_request == 4096);
}

TEST_CASE("the real store's flags are read", "[command_line]") {
    auto cli =
        parse({"--store", "real", "--pg", "host=127.0.0.1 port=5432", "--redis", "localhost:6379",
               "--dep-timeout", "250ms", "--retries", "2", "--breaker", "on", "--breaker-half-open",
               "1500ms", "--breaker-failures", "3", "--bulkhead", "on"});
    INFO(cli.message);
    REQUIRE(cli.options.has_value());
    const auto& o = *cli.options;
    CHECK(o.store == faultline::sample::store_kind::real);
    CHECK(o.real.pg_conninfo == "host=127.0.0.1 port=5432");
    CHECK(o.real.redis.port == 6379);
    CHECK(o.real.dep_timeout == 250ms);
    CHECK(o.real.retries == 2);
    CHECK(o.real.breaker);
    CHECK(o.real.breaker_config.half_open_after == 1500ms);
    CHECK(o.real.breaker_config.failures_to_open == 3);
    CHECK(o.real.bulkhead);
    auto plain = parse({"--store", "real", "--pg", "x", "--redis", "127.0.0.1:1"});
    REQUIRE(plain.options.has_value());
    CHECK_FALSE(plain.options->real.breaker);
    CHECK_FALSE(plain.options->real.bulkhead);
    CHECK(plain.options->real.dep_timeout == 1s);
}

TEST_CASE("bad flags exit with 2 and say why", "[command_line]") {
    using args = std::vector<const char*>;
    auto [arguments, reason] = GENERATE(table<args, const char*>({
        {args{"--host", "0.0.0.0"}, "loopback"},
        {args{"--host", "10.1.2.3"}, "loopback"},
        {args{"--host", "example.com"}, "loopback"},
        {args{"--store", "real"}, "--store real needs --pg CONNINFO and --redis HOST:PORT"},
        {args{"--store", "real", "--pg", "host=127.0.0.1", "--redis", "10.0.0.1:6379"},
         "--redis must be a loopback HOST:PORT"},
        {args{"--store", "real", "--pg", "host=127.0.0.1", "--redis", "127.0.0.1:1", "--breaker",
              "yes"},
         "'on' or 'off'"},
        {args{"--store", "real", "--pg", "host=127.0.0.1", "--redis", "127.0.0.1:1",
              "--dep-timeout", "0s"},
         "--dep-timeout must be a duration above 0"},
        {args{"--pg", "host=127.0.0.1"}, "--pg and --redis go with --store real"},
        {args{"--store", "disk"}, "'memory' or 'real'"},
        {args{"--port", "70000"}, "--port"},
        {args{"--port", "-1"}, "--port"},
        {args{"--workers", "0"}, "--workers"},
        {args{"--queue", "-3"}, "--queue"},
        {args{"--threads", "0"}, "--threads"},
        {args{"--service-time", "2"}, "--service-time"},
        {args{"--idle-timeout", "0s"}, "--idle-timeout"},
        {args{"--rate-limit", "0"}, "--rate-limit must be a positive number"},
        {args{"--rate-limit", "-5"}, "--rate-limit"},
        {args{"--rate-limit", "fast"}, "got 'fast'"},
        {args{"--rate-limit", "0/s"}, "--rate-limit must be a positive number"},
        {args{"--rate-limit", "200/day"}, "--rate-limit"},
        {args{"--rate-limit", "2e9"}, "--rate-limit"},
        {args{"--rate-limit", ""}, "--rate-limit"},
        {args{"--leak-per-request", "-1"}, "--leak-per-request"},
        {args{"--leak-per-request", "1k"}, "--leak-per-request"},
        {args{"--leak-per-request", "2000000000"}, "--leak-per-request"},
        {args{"--colour"}, "colour"},
    }));
    auto cli = parse(arguments);
    INFO(cli.message);
    CHECK_FALSE(cli.options.has_value());
    CHECK(cli.exit_code == 2);
    CHECK_THAT(cli.message, Catch::Contains(reason));
}

TEST_CASE("the help text lists every flag and exits 0", "[command_line]") {
    auto cli = parse({"--help"});
    CHECK_FALSE(cli.options.has_value());
    CHECK(cli.exit_code == 0);
    for (const char* flag :
         {"--host", "--port", "--workers", "--service-time", "--queue", "--store", "--threads",
          "--idle-timeout", "--rate-limit", "--leak-per-request"}) {
        CHECK_THAT(cli.message, Catch::Contains(flag));
    }
}
