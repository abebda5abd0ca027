// --fail-after: a target that serves normally, then answers 500 to everything but /health.
#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include <faultline/sample/command_line.hpp>
#include <faultline/sample/server.hpp>

#include "http_client.hpp"

using namespace std::chrono_literals;
using faultline::sample::server;
using faultline::sample::testing::http_client;
using faultline::sample::testing::loopback_options;
using steady = std::chrono::steady_clock;

TEST_CASE("after --fail-after every request but /health gets 500 at once", "[server][fail_after]") {
    auto options = loopback_options(2, 0ms);
    options.fail_after = 400ms;
    const auto started = steady::now();
    server service(options);
    service.start();
    http_client client(service.port());
    auto before = client.exchange("GET", "/static");
    REQUIRE(before.has_value());
    if (steady::now() - started < 350ms)  // not a slow machine's accident
        CHECK(before->status == 200);

    std::this_thread::sleep_until(started + 450ms);
    for (const char* path : {"/static", "/items/7", "/nowhere"}) {
        INFO(path);
        auto after = client.exchange("GET", path);
        REQUIRE(after.has_value());
        CHECK(after->status == 500);
        CHECK_THAT(after->body, Catch::Contains("failing on purpose"));
    }
    auto health = client.exchange("GET", "/health");
    REQUIRE(health.has_value());
    CHECK(health->status == 200);
    CHECK(service.stats().pool.served == 1);  // only the request before took a worker
}

TEST_CASE("the fail-after flag takes a duration with its unit", "[command_line][fail_after]") {
    const char* good[] = {"faultline-sample", "--fail-after", "8s"};
    auto cli = faultline::sample::parse_command_line(3, good);
    REQUIRE(cli.options.has_value());
    CHECK(cli.options->fail_after == std::optional<faultline::nanoseconds>(8s));
    const char* bad[] = {"faultline-sample", "--fail-after", "8"};
    cli = faultline::sample::parse_command_line(3, bad);
    CHECK_FALSE(cli.options.has_value());
    CHECK(cli.exit_code == 2);
    CHECK_THAT(cli.message, Catch::Contains("--fail-after"));
}
