// GET /metrics: OpenMetrics text with the proxies' traffic and the toxics' counters.
#include <catch2/catch.hpp>

#include <faultline/test/blocking_client.hpp>
#include <faultline/test/echo_server.hpp>
#include <faultline/test/support.hpp>

#include "api_fixture.hpp"

using namespace faultline;
using namespace std::chrono_literals;
using test::api_fixture;

namespace {

bool has_line(const std::string& text, const std::string& line) {
    return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

}  // namespace

TEST_CASE("GET /metrics is OpenMetrics text ending with # EOF", "[proxy_api][metrics]") {
    api_fixture api;
    auto empty = api.get("/metrics");
    CHECK(empty.status == 200);
    CHECK(empty.content_type == "application/openmetrics-text; version=1.0.0; charset=utf-8");
    CHECK(empty.body.size() >= 6);
    CHECK(empty.body.substr(empty.body.size() - 6) == "# EOF\n");
    CHECK(has_line(empty.body, "# TYPE faultline_proxy_bytes counter"));
    CHECK(has_line(empty.body, "# TYPE faultline_toxic_actions counter"));
}

TEST_CASE("metrics count a proxy's bytes and connections and a toxic's work",
          "[proxy_api][metrics]") {
    test::echo_server echo;
    api_fixture api;
    const auto proxy = api.create_proxy("db", "127.0.0.1:" + std::to_string(echo.port()));
    REQUIRE(
        api.post(
               "/proxies/db/toxics",
               R"({"name": "slow", "type": "latency", "stream": "upstream", "attributes": {"latency": 1}})")
            .status == 200);
    test::blocking_client client(test::port_of(proxy["listen"].get<std::string>()), 2s);
    REQUIRE(client.send_all("hello", 2s));
    std::string back;
    REQUIRE(client.read_exactly(5, back, 5s) == test::read_end::complete);

    const std::string toxic = R"({proxy="db",toxic="slow",type="latency",stream="upstream"})";
    std::string text;
    const bool counted = test::wait_for(
        [&] {
            text = api.get("/metrics").body;
            return has_line(text,
                            R"(faultline_proxy_bytes_total{proxy="db",direction="upstream"} 5)") &&
                   has_line(text, "faultline_toxic_bytes_total" + toxic + " 5");
        },
        3000ms);
    INFO(text);
    CHECK(counted);
    CHECK(has_line(text, R"(faultline_proxy_bytes_total{proxy="db",direction="downstream"} 5)"));
    CHECK(has_line(text, R"(faultline_proxy_connections_accepted_total{proxy="db"} 1)"));
    CHECK(has_line(text, R"(faultline_proxy_connections_open{proxy="db"} 1)"));
    CHECK(has_line(text, "faultline_toxic_connections_total" + toxic + " 1"));
    CHECK(has_line(text, "faultline_toxic_pieces_total" + toxic + " 1"));
    CHECK(has_line(text, "faultline_toxic_actions_total" + toxic + " 1"));
}

TEST_CASE("metric label values are escaped", "[proxy_api][metrics]") {
    api_fixture api;
    api.create_proxy(R"(we"ird\name)");
    const std::string text = api.get("/metrics").body;
    INFO(text);
    CHECK(has_line(text, R"(faultline_proxy_connections_open{proxy="we\"ird\\name"} 0)"));
}
