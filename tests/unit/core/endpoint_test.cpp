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

TEST_CASE("host:port parses DNS names, Compose service names included", "[endpoint]") {
    for (const char* text : {"api.staging.example.com:443", "postgres:5432", "redis_cache:6379",
                             "API.Example.COM.:80", "x-1.internal:1"}) {
        INFO(text);
        auto parsed = parse_host_port(text);
        REQUIRE(parsed);
        CHECK(faultline::core::is_host_name(parsed->host));
        CHECK_FALSE(faultline::core::is_ip_literal(parsed->host));
    }
    CHECK(parse_host_port("postgres:5432")->to_string() == "postgres:5432");
    std::string label(64, 'a');  // appended, not "+": GCC 12 at -O2 warns falsely on the "+"
    CHECK_FALSE(faultline::core::is_host_name(label.append(".example")));
    label.erase(0, 1);
    CHECK(faultline::core::is_host_name(label));  // 63 characters, then ".example"
    CHECK(faultline::core::is_ip_literal("fd00::1"));
    CHECK_FALSE(faultline::core::is_ip_literal("[::1]"));
}

TEST_CASE("malformed endpoints are rejected", "[endpoint]") {
    for (const char* text :
         {"127.0.0.1", "127.0.0.1:", "127.0.0.1:99999", ":80", "[::1]80", "127.0.0.1:8x",
          "ex ample.com:80", "-bad.example:80", "a..b:80", "::1:80", "1.2.3:80", "host_.ok-:80"}) {
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
