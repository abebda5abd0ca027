#include <catch2/catch.hpp>

#include <faultline/core/endpoint.hpp>

using faultline::core::is_loopback_host;
using faultline::core::parse_host_port;

TEST_CASE("host:port parses IPv4, IPv6 and localhost", "[endpoint]") {
    auto v4 = parse_host_port("127.0.0.1:8080");
    REQUIRE(v4);
    CHECK(v4->host == "127.0.0.1");
    CHECK(v4->port == 8080);
    auto v6 = parse_host_port("[::1]:80");
    REQUIRE(v6);
    CHECK(v6->host == "::1");
    CHECK(v6->to_string() == "[::1]:80");
    CHECK(parse_host_port("localhost:0")->port == 0);
}

TEST_CASE("malformed endpoints are rejected", "[endpoint]") {
    for (const char* text : {"127.0.0.1", "127.0.0.1:", "127.0.0.1:99999", ":80", "example.com:80",
                             "[::1]80", "127.0.0.1:8x"}) {
        INFO(text);
        CHECK_FALSE(parse_host_port(text).has_value());
    }
}

TEST_CASE("only loopback hosts count as loopback", "[endpoint]") {
    CHECK(is_loopback_host("127.0.0.1"));
    CHECK(is_loopback_host("127.3.4.5"));
    CHECK(is_loopback_host("::1"));
    CHECK(is_loopback_host("localhost"));
    CHECK_FALSE(is_loopback_host("10.0.0.1"));
    CHECK_FALSE(is_loopback_host("192.168.1.1"));
    CHECK_FALSE(is_loopback_host("0.0.0.0"));
}
