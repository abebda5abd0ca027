// Allow-list patterns: what each form matches, and the errors of malformed ones.
#include <catch2/catch.hpp>

#include <faultline/net/host_pattern.hpp>

using faultline::net::host_pattern;
using faultline::net::parse_host_pattern;
namespace asio = boost::asio;

namespace {
asio::ip::address at(const char* text) {
    return asio::ip::make_address(text);
}
}  // namespace

TEST_CASE("a name pattern allows exactly that name, in any case", "[net][pattern]") {
    const auto p = parse_host_pattern("API.staging.example.com");
    REQUIRE(p);
    CHECK(p->what == host_pattern::kind::name);
    CHECK(p->allows_name("api.staging.example.com"));
    CHECK(p->allows_name("api.Staging.example.com."));
    CHECK_FALSE(p->allows_name("x.api.staging.example.com"));
    CHECK_FALSE(p->allows_name("api.staging.example.co"));
    CHECK_FALSE(p->allows_address(at("10.0.0.1")));
}

TEST_CASE("a wildcard allows the subdomains, not the domain", "[net][pattern]") {
    const auto p = parse_host_pattern("*.staging.example.com");
    REQUIRE(p);
    CHECK(p->what == host_pattern::kind::wildcard);
    CHECK(p->allows_name("api.staging.example.com"));
    CHECK(p->allows_name("a.b.staging.example.com"));
    CHECK_FALSE(p->allows_name("staging.example.com"));
    CHECK_FALSE(p->allows_name("evilstaging.example.com"));
}

TEST_CASE("address and network patterns match addresses", "[net][pattern]") {
    const auto one = parse_host_pattern("10.20.0.7");
    REQUIRE(one);
    CHECK(one->allows_address(at("10.20.0.7")));
    CHECK_FALSE(one->allows_address(at("10.20.0.8")));
    CHECK(one->allows_address(at("::ffff:10.20.0.7")));  // v4-mapped is the same address

    const auto net = parse_host_pattern("10.20.0.0/16");
    REQUIRE(net);
    CHECK(net->what == host_pattern::kind::network);
    CHECK(net->allows_address(at("10.20.255.1")));
    CHECK_FALSE(net->allows_address(at("10.21.0.1")));
    CHECK_FALSE(net->allows_address(at("fd00::1")));

    const auto odd = parse_host_pattern("10.20.0.0/13");
    REQUIRE_FALSE(odd);  // 10.20 has a bit set past /13
    CHECK(odd.error().find("10.16.0.0/13") != std::string::npos);

    const auto v6 = parse_host_pattern("fd00::/8");
    REQUIRE(v6);
    CHECK(v6->allows_address(at("fd12:3456::1")));
    CHECK_FALSE(v6->allows_address(at("fe80::1")));
    CHECK(parse_host_pattern("[fd00::7]")->allows_address(at("fd00::7")));
    CHECK(parse_host_pattern("0.0.0.0/0")->allows_address(at("203.0.113.9")));
}

TEST_CASE("malformed patterns say what was expected", "[net][pattern]") {
    for (const char* text :
         {"", "*", "*.", "a..b", "10.0.0.0/33", "10.0.0.0/", "fd00::/129", "http://x.example",
          "x.example:80", "*.*.example.com", "10.0.0.0/8x"}) {
        INFO(text);
        const auto p = parse_host_pattern(text);
        REQUIRE_FALSE(p);
        CHECK_FALSE(p.error().empty());
    }
    CHECK(parse_host_pattern("x.example:80").error().find("expected a host name") !=
          std::string::npos);
}
