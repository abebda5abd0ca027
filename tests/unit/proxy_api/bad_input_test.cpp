// Bad input of every kind is a 4xx with the JSON error body: never a crash, a hang or a 5xx.
#include <catch2/catch.hpp>

#include <faultline/proxy_api/http_codec.hpp>

#include "api_fixture.hpp"

using namespace faultline;
using test::api_fixture;
using test::body_of;
using test::json;

TEST_CASE("malformed or mistyped proxy bodies are 400 bad request body", "[proxy_api][bad_input]") {
    api_fixture api;
    const auto body = GENERATE(as<std::string>{}, "", "   ", "{\"name\":", "not json", "[1, 2]",
                               "\"a string\"", "42", R"({"name": 5, "upstream": "127.0.0.1:9"})",
                               R"({"name": "p", "upstream": ["127.0.0.1:9"]})",
                               R"({"name": "p", "upstream": "127.0.0.1:9", "enabled": "yes"})",
                               R"({"name": "p", "listen": {}, "upstream": "127.0.0.1:9"})",
                               R"({"name": "a/b", "upstream": "127.0.0.1:9"})",
                               "{\"name\": \"a\\u0001b\", \"upstream\": \"127.0.0.1:9\"}",
                               "{\"name\": \"a\\nb\", \"upstream\": \"127.0.0.1:9\"}",
                               R"({"name": "p", "listen": "nonsense", "upstream": "127.0.0.1:9"})");
    INFO("body: " << body);
    test::check_error_starting(api.post("/proxies", body), 400, "bad request body: ");
    CHECK(body_of(api.get("/proxies")) == json::object());
}

TEST_CASE("proxy and toxic names may be 256 bytes, not more", "[proxy_api][bad_input]") {
    api_fixture api;
    const std::string longest(256, 'n');
    api.create_proxy(longest);
    const json too_long = {{"name", longest + "n"}, {"upstream", "127.0.0.1:9"}};
    test::check_error_starting(api.post("/proxies", too_long.dump()), 400, "bad request body: ");
    const json toxic = {{"name", longest}, {"type", "latency"}};
    CHECK(api.post("/proxies/" + longest + "/toxics", toxic.dump()).status == 200);
    const json long_toxic = {{"name", longest + "t"}, {"type", "latency"}};
    test::check_error_starting(api.post("/proxies/" + longest + "/toxics", long_toxic.dump()), 400,
                               "bad request body: ");
}

TEST_CASE("bad toxic input is a 400 with Toxiproxy's message", "[proxy_api][bad_input]") {
    api_fixture api;
    api.create_proxy("db");
    test::check_error_starting(api.post("/proxies/db/toxics", R"({"type": "nonsense"})"), 400,
                               "invalid toxic type");
    test::check_error_starting(api.post("/proxies/db/toxics", R"({})"), 400, "invalid toxic type");
    test::check_error_starting(
        api.post("/proxies/db/toxics", R"({"type": "latency", "stream": "sideways"})"), 400,
        "stream was invalid, can be either upstream or downstream");
    const auto body = GENERATE(
        as<std::string>{}, R"({"type": "latency", "attributes": {"latency": -1}})",
        R"({"type": "latency", "attributes": {"latency": "100"}})",
        R"({"type": "latency", "attributes": {"latency": true}})",
        R"({"type": "latency", "attributes": {"latency": 1.5}})",
        R"({"type": "latency", "attributes": [100]})",
        R"({"type": "latency", "attributes": "latency=100"})",
        R"({"type": "latency", "toxicity": "1"})", R"({"type": "latency", "toxicity": 1.5})",
        R"({"type": "latency", "toxicity": -0.1})", R"({"type": 7})",
        R"({"type": "latency", "stream": 1})", R"({"type": "latency", "name": "a/b"})",
        R"({"type": "latency", "expires_in": -5})", R"({"type": "latency", "expires_in": 0})",
        R"({"type": "latency", "expires_in": "soon"})",
        R"({"type": "latency", "expires_in": true})", R"({"type": "latency", "seed": -1})",
        R"({"type": "latency", "seed": 1.5})", R"({"type": "latency", "seed": "7"})",
        R"({"type": "latency", "seed": 18446744073709551616})", "[]", "{\"type\": \"latency\"");
    INFO("body: " << body);
    test::check_error_starting(api.post("/proxies/db/toxics", body), 400, "bad request body: ");
    CHECK(body_of(api.get("/proxies/db/toxics")) == json::array());
}

TEST_CASE("bad toxic updates are 400 and change nothing", "[proxy_api][bad_input]") {
    api_fixture api;
    api.create_proxy("db");
    REQUIRE(api.post("/proxies/db/toxics", R"({"type": "latency", "attributes": {"latency": 10}})")
                .status == 200);
    const auto body = GENERATE(as<std::string>{}, R"({"attributes": {"latency": -10}})",
                               R"({"attributes": {"latency": "x"}})", R"({"toxicity": 2})",
                               R"({"expires_in": "-1s"})", "[]", "nope");
    INFO("body: " << body);
    test::check_error_starting(api.patch("/proxies/db/toxics/latency_downstream", body), 400,
                               "bad request body: ");
    const json toxic = body_of(api.get("/proxies/db/toxics/latency_downstream"));
    CHECK(toxic["attributes"]["latency"] == 10);
    CHECK(toxic["toxicity"] == 1.0);
}

TEST_CASE("deeply nested JSON is refused before it is parsed", "[proxy_api][bad_input]") {
    api_fixture api;
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    test::check_error_starting(api.post("/populate", deep), 400,
                               "bad request body: JSON nested deeper");
    test::check_error_starting(api.post("/proxies", deep), 400,
                               "bad request body: JSON nested deeper");
}

TEST_CASE("unknown routes are 404 and wrong methods 405, both with the JSON error body",
          "[proxy_api][bad_input]") {
    api_fixture api;
    api.create_proxy("db");
    for (const char* target :
         {"/", "/nope", "/proxies/", "/proxies/db/", "/proxies/db/toxics/", "/proxies//toxics",
          "/proxies/db/nope", "/proxies/db/toxics/x/y", "/proxies/%zz", "/version/x"}) {
        INFO(target);
        test::check_error_starting(api.get(target), 404, "not found");
    }
    const auto wrong = api.send("PUT", "/proxies");
    test::check_error_starting(wrong, 405, "method not allowed");
    test::check_error_starting(api.send("DELETE", "/proxies"), 405, "method not allowed");
    test::check_error_starting(api.get("/reset"), 405, "method not allowed");
    test::check_error_starting(api.get("/populate"), 405, "method not allowed");
    test::check_error_starting(api.post("/version"), 405, "method not allowed");
    test::check_error_starting(api.send("PUT", "/proxies/db"), 405, "method not allowed");
    test::check_error_starting(api.send("PATCH", "/proxies/db/toxics"), 405, "method not allowed");
    test::check_error_starting(api.send("get", "/proxies"), 405,
                               "method not allowed");  // methods are case-sensitive
    // A percent-encoded name reaches the proxy it names; the query string is ignored.
    CHECK(api.get("/proxies/%64b?verbose=1").status == 200);
}

TEST_CASE("the HTTP layer refuses oversized and malformed requests", "[proxy_api][bad_input]") {
    api_fixture api;
    const std::string big_header = "X-Filler: " + std::string(17 * 1024, 'x') + "\r\n";
    std::string many_headers;
    for (int i = 0; i < 150; ++i)
        many_headers += "X-H" + std::to_string(i) + ": v\r\n";
    const std::string over_limit(proxy_api::max_body_bytes + 1, ' ');

    CHECK(test::raw_status(test::raw_exchange(
              api.port(), test::raw_request("POST", "/proxies", over_limit))) == 413);
    CHECK(test::raw_status(test::raw_exchange(
              api.port(), test::raw_request("GET", "/proxies", {}, big_header))) == 431);
    CHECK(test::raw_status(test::raw_exchange(
              api.port(), test::raw_request("GET", "/proxies", {}, many_headers))) == 431);
    CHECK(test::raw_status(test::raw_exchange(api.port(), "this is not HTTP\r\n\r\n")) == 400);
    const std::string twice = "Host: 127.0.0.1\r\n";
    CHECK(test::raw_status(test::raw_exchange(
              api.port(), test::raw_request("GET", "/proxies", {}, twice))) == 400);
    // The server still answers afterwards.
    CHECK(api.get("/version").status == 200);
}

TEST_CASE("handle_raw_request answers raw bytes as the server would", "[proxy_api][bad_input]") {
    proxies::proxy_server server;
    proxy_api::api_handler handler(server, {});
    auto status = [&](const std::string& bytes) {
        return proxy_api::handle_raw_request(handler, bytes).status;
    };
    CHECK(status("GET /version HTTP/1.1\r\nHost: localhost\r\n\r\n") == 200);
    CHECK(status("GET /proxies HTTP/1.0\r\n\r\n") == 200);         // no Host at all: HTTP/1.0
    CHECK(status("GET /version HTTP/1.1\r\nHost: local") == 400);  // cut short
    CHECK(status("POST /proxies HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\n{}") ==
          400);
    CHECK(status("") == 400);
    CHECK(status(std::string("\x00\x01\x02", 3)) == 400);
    CHECK(status("POST /proxies HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n") == 413);
    CHECK(status("GET /x HTTP/1.1\r\n" + std::string(20000, 'a') + ": b\r\n\r\n") == 431);
    CHECK(status("GET /version HTTP/1.1\r\nOrigin: http://evil.example\r\n\r\n") == 403);
    const auto created = proxy_api::handle_raw_request(
        handler,
        "POST /proxies HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
        "3c\r\n{\"name\":\"c\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"}\r\n"
        "0\r\n\r\n");
    INFO(created.body);
    CHECK(created.status == 201);
    // A final chunk cut short is an incomplete request, not a parser assertion (a fuzz finding).
    CHECK(status("POST /proxies HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                 "0\r\n") == 400);
    CHECK(status("POST /proxies HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                 "0\r\n\r") == 400);
}
