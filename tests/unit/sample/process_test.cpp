// Runs the built faultline-sample executable. Hidden tag: needs FAULTLINE_BIN_DIR.
#include <chrono>
#include <string>

#include <catch2/catch.hpp>
#include <signal.h>

#include "http_client.hpp"
#include "sample_process.hpp"

using namespace std::chrono_literals;
using faultline::sample::testing::http_client;
using faultline::sample::testing::sample_process;

TEST_CASE("the executable announces its port, serves, and exits 0 on SIGTERM",
          "[.integration][process]") {
    sample_process sample({"--port", "0", "--workers", "2", "--service-time", "1ms"});
    auto line = sample.first_line(5000ms);
    REQUIRE(line.has_value());
    const std::string prefix = "faultline-sample listening on 127.0.0.1:";
    REQUIRE(line->starts_with(prefix));
    const int port = std::stoi(line->substr(prefix.size()));
    REQUIRE(port > 0);
    REQUIRE(port < 65536);

    http_client client(static_cast<std::uint16_t>(port));
    auto got = client.exchange("GET", "/items/9");
    REQUIRE(got.has_value());
    CHECK(got->status == 200);
    CHECK(got->body == R"({"id":9,"name":"item-9"})");

    sample.signal(SIGTERM);
    auto code = sample.exit_code(2000ms);
    REQUIRE(code.has_value());
    CHECK(*code == 0);
}

TEST_CASE("the executable refuses a non-loopback host with exit code 2",
          "[.integration][process]") {
    sample_process sample({"--host", "192.168.1.10", "--port", "0"});
    auto code = sample.exit_code(5000ms);
    REQUIRE(code.has_value());
    CHECK(*code == 2);
    CHECK_THAT(sample.err_text(), Catch::Contains("loopback"));
}
