// Who may use the API: Origin, Host (DNS rebinding), browsers, the bearer token, the bind rule.
#include <catch2/catch.hpp>

#include <faultline/proxy_api/api_security.hpp>
#include <faultline/proxy_api/api_server.hpp>

#include "api_fixture.hpp"

using namespace faultline;
using namespace faultline::proxy_api;
using test::api_fixture;
using test::body_of;
using test::json;

namespace {

api_request with_host(std::string host) {
    api_request request;
    request.method = "GET";
    request.target = "/proxies";
    request.host = std::move(host);
    return request;
}

int refusal(const api_request& request, const api_security& security) {
    auto refused = check_security(request, security);
    return refused ? refused->status : 0;
}

}  // namespace

TEST_CASE("loopback and the bound address are the only Hosts accepted", "[proxy_api][security]") {
    const api_security loopback;  // bound to 127.0.0.1, no token
    for (const char* host : {"localhost", "LocalHost:8474", "127.0.0.1", "127.0.0.1:8474",
                             "127.9.8.7:1", "[::1]", "[::1]:8474"}) {
        INFO(host);
        CHECK(refusal(with_host(host), loopback) == 0);
    }
    for (const char* host :
         {"example.com", "evil.localhost", "localhost.evil.com:8474", "10.0.0.1:8474", "", ":8474",
          "[::1", "::1", "127.0.0.1:99999", "127.0.0.1:x", "[::1]x", "0.0.0.0:8474"}) {
        INFO(host);
        CHECK(refusal(with_host(host), loopback) == 403);
    }
    api_security own{"", "10.0.0.5"};
    CHECK(refusal(with_host("10.0.0.5:8474"), own) == 0);
    CHECK(refusal(with_host("10.0.0.6:8474"), own) == 403);
    api_security any{"", "0.0.0.0"};
    CHECK(refusal(with_host("192.168.1.2:8474"), any) == 0);
    CHECK(refusal(with_host("attacker.example:8474"), any) == 403);
    api_request no_host = with_host("");
    no_host.host.reset();  // HTTP/1.0 may send none
    CHECK(refusal(no_host, loopback) == 0);
}

TEST_CASE("an Origin header or a browser's User-Agent is refused with 403",
          "[proxy_api][security]") {
    const api_security security;
    api_request request = with_host("127.0.0.1");
    request.origin = "";
    CHECK(refusal(request, security) == 403);
    request.origin.reset();
    request.user_agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36";
    auto refused = check_security(request, security);
    REQUIRE(refused);
    CHECK(refused->status == 403);
    CHECK(json::parse(refused->body) == json{{"error", "User agent not allowed"}, {"status", 403}});
    request.user_agent = "curl/8.0 Mozilla/compatible";
    CHECK(refusal(request, security) == 0);
}

TEST_CASE("with a token, every request needs the right bearer token", "[proxy_api][security]") {
    const api_security security{"s3cret", "127.0.0.1"};
    api_request request = with_host("127.0.0.1");
    CHECK(refusal(request, security) == 401);
    for (const char* wrong : {"Bearer wrong", "Bearer s3cre", "Bearer s3cret2", "Basic s3cret",
                              "s3cret", "Bearer", ""}) {
        INFO(wrong);
        request.authorization = wrong;
        CHECK(refusal(request, security) == 401);
    }
    for (const char* right : {"Bearer s3cret", "bearer s3cret", "BEARER  s3cret "}) {
        INFO(right);
        request.authorization = right;
        CHECK(refusal(request, security) == 0);
    }
}

TEST_CASE("constant_time_equals compares whole strings", "[proxy_api][security]") {
    CHECK(constant_time_equals("", ""));
    CHECK(constant_time_equals("token", "token"));
    CHECK_FALSE(constant_time_equals("token", "tokem"));
    CHECK_FALSE(constant_time_equals("token", "token "));
    CHECK_FALSE(constant_time_equals("", "x"));
    CHECK_FALSE(constant_time_equals(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
}

TEST_CASE("binding beyond loopback needs a token", "[proxy_api][security]") {
    CHECK(check_bind("127.0.0.1", "").empty());
    CHECK(check_bind("localhost", "").empty());
    CHECK(check_bind("::1", "").empty());
    CHECK(check_bind("0.0.0.0", "t").empty());
    CHECK(check_bind("0.0.0.0", "").find("without a token") != std::string::npos);
    CHECK_FALSE(check_bind("10.1.2.3", "").empty());

    // The server refuses before it binds anything.
    proxies::proxy_server proxies;
    api_server_options options;
    options.listen = "0.0.0.0:0";
    auto started = api_server::start(proxies, options);
    REQUIRE_FALSE(started);
    CHECK(started.error().find("--api-token") != std::string::npos);
}

TEST_CASE("the server applies the checks before routing", "[proxy_api][security]") {
    SECTION("without a token") {
        api_fixture api;
        CHECK(api.send("GET", "/proxies", {}, {{"Origin", "http://evil.example"}}).status == 403);
        CHECK(api.send("GET", "/proxies", {}, {{"Host", "evil.example:8474"}}).status == 403);
        CHECK(api.send("POST", "/proxies", R"({"name":"x","upstream":"127.0.0.1:9"})",
                       {{"Host", "rebound.example"}})
                  .status == 403);
        CHECK(body_of(api.get("/proxies")) == json::object());
        CHECK(api.send("GET", "/nope", {}, {{"User-Agent", "Mozilla/5.0"}}).status == 403);
    }
    SECTION("with a token") {
        api_server_options options;
        options.token = "t0ken";
        api_fixture api(options);  // its client sends the token
        CHECK(api.get("/version").status == 200);
        CHECK(api.send("GET", "/version", {}, {{"Authorization", "Bearer nope"}}).status == 401);
        const auto answer = test::raw_exchange(api.port(), test::raw_request("GET", "/metrics"));
        CHECK(test::raw_status(answer) == 401);
    }
}
