#include <regex>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <faultline/sample/handlers.hpp>
#include <faultline/sample/http_response.hpp>
#include <faultline/sample/router.hpp>

using faultline::sample::endpoint;
using faultline::sample::handlers;
using faultline::sample::http_request;
using faultline::sample::memory_store;
using faultline::sample::route;
using faultline::sample::session_table;
using faultline::sample::uses_worker;
using json = nlohmann::json;

namespace {

http_request make_request(std::string method, std::string target, std::string body = {}) {
    http_request request;
    request.method = std::move(method);
    request.target = std::move(target);
    request.body = std::move(body);
    return request;
}

// Routes and handles a request the way a connection does (without the worker wait).
faultline::sample::http_response call(handlers& logic, const http_request& request) {
    auto routed = route(request.method, request.path());
    REQUIRE(routed.target.has_value());
    return logic.handle(*routed.target, request);
}

}  // namespace

TEST_CASE("routes map method and path to endpoints", "[router]") {
    auto [method, path, target, worker] = GENERATE(table<const char*, const char*, endpoint, bool>({
        {"GET", "/health", endpoint::health, false},
        {"GET", "/static", endpoint::static_page, true},
        {"GET", "/items/1", endpoint::item, true},
        {"GET", "/items/abc", endpoint::item, true},
        {"POST", "/orders", endpoint::create_order, true},
        {"POST", "/login", endpoint::login, false},
        {"GET", "/me", endpoint::me, true},
    }));
    INFO(method << " " << path);
    auto routed = route(method, path);
    REQUIRE(routed.target.has_value());
    CHECK(*routed.target == target);
    CHECK(uses_worker(target) == worker);
}

TEST_CASE("unknown paths are 404 and wrong methods 405 with Allow", "[router]") {
    auto [method, path, status, allow] =
        GENERATE(table<const char*, const char*, int, const char*>({
            {"GET", "/", 404, ""},
            {"GET", "/items", 404, ""},
            {"GET", "/items/", 404, ""},
            {"GET", "/items/1/x", 404, ""},
            {"GET", "/health/", 404, ""},
            {"GET", "/HEALTH", 404, ""},
            {"POST", "/health", 405, "GET"},
            {"HEAD", "/static", 405, "GET"},
            {"DELETE", "/items/1", 405, "GET"},
            {"GET", "/orders", 405, "POST"},
            {"GET", "/login", 405, "POST"},
            {"POST", "/me", 405, "GET"},
        }));
    INFO(method << " " << path);
    auto routed = route(method, path);
    CHECK_FALSE(routed.target.has_value());
    CHECK(routed.status == status);
    CHECK(routed.allow == allow);
}

TEST_CASE("items come from the pre-filled store", "[handlers]") {
    memory_store data;
    session_table sessions;
    handlers logic(data, sessions);
    for (int id : {1, 42, 10000}) {
        auto response = call(logic, make_request("GET", "/items/" + std::to_string(id)));
        REQUIRE(response.status == 200);
        CHECK(response.content_type == "application/json");
        auto body = json::parse(response.body);
        CHECK(body["id"] == id);
        CHECK(body["name"] == "item-" + std::to_string(id));
    }
    for (const char* id : {"0", "10001", "-1", "abc", "7x", "99999999999999999999999", "+5"}) {
        INFO(id);
        CHECK(call(logic, make_request("GET", std::string("/items/") + id)).status == 404);
    }
}

TEST_CASE("orders are stored and numbered", "[handlers]") {
    memory_store data;
    session_table sessions;
    handlers logic(data, sessions);
    auto first = call(logic, make_request("POST", "/orders", R"({"item": 7, "qty": 3})"));
    REQUIRE(first.status == 201);
    CHECK(json::parse(first.body)["order"] == 1);
    auto second = call(logic, make_request("POST", "/orders", R"({"qty": 1, "item": 10000})"));
    REQUIRE(second.status == 201);
    CHECK(json::parse(second.body)["order"] == 2);
    auto stored = data.find_order(1);
    REQUIRE(stored.has_value());
    CHECK(stored->item == 7);
    CHECK(stored->qty == 3);
    CHECK_FALSE(data.find_order(3).has_value());
}

TEST_CASE("bad order bodies are 400 and unknown items 404", "[handlers]") {
    memory_store data;
    session_table sessions;
    handlers logic(data, sessions);
    auto [body, status] = GENERATE(table<const char*, int>({
        {"", 400},
        {"{", 400},
        {"[1, 2]", 400},
        {"null", 400},
        {R"({"item": 1})", 400},
        {R"({"qty": 1})", 400},
        {R"({"item": "1", "qty": 1})", 400},
        {R"({"item": 1.5, "qty": 1})", 400},
        {R"({"item": 1, "qty": 0})", 400},
        {R"({"item": 1, "qty": -2})", 400},
        {R"({"item": 18446744073709551615, "qty": 1})", 400},
        {R"({"item": 10001, "qty": 1})", 404},
    }));
    INFO(body);
    auto response = call(logic, make_request("POST", "/orders", body));
    CHECK(response.status == status);
    CHECK(json::parse(response.body).contains("error"));
    CHECK_FALSE(data.find_order(1).has_value());
}

TEST_CASE("login issues a token that /me accepts", "[handlers]") {
    memory_store data;
    session_table sessions;
    handlers logic(data, sessions);
    auto login = call(logic, make_request("POST", "/login"));
    REQUIRE(login.status == 200);
    const std::string token = json::parse(login.body)["token"];
    CHECK(std::regex_match(token, std::regex("t-[0-9a-f]{32}")));
    std::string session;
    for (const auto& [name, value] : login.headers) {
        if (name == "X-Session")
            session = value;
    }
    CHECK(std::regex_match(session, std::regex("s-[0-9a-f]{32}")));
    auto other = call(logic, make_request("POST", "/login"));
    CHECK(json::parse(other.body)["token"] != token);

    auto me = [&](const char* authorization) {
        auto request = make_request("GET", "/me");
        if (authorization != nullptr)
            request.headers.emplace_back("Authorization", authorization);
        return call(logic, request);
    };
    auto accepted = me(("Bearer " + token).c_str());
    REQUIRE(accepted.status == 200);
    CHECK(json::parse(accepted.body)["user"] == "user-1");
    CHECK(me(("bearer " + token).c_str()).status == 200);
    for (const char* refused :
         {"Bearer t-00000000000000000000000000000000", "Bearer ", "Basic abc"}) {
        INFO(refused);
        CHECK(me(refused).status == 401);
    }
    auto missing = me(nullptr);
    CHECK(missing.status == 401);
    CHECK(missing.headers.at(0).first == "WWW-Authenticate");
}

TEST_CASE("the session table forgets its oldest tokens beyond capacity", "[handlers]") {
    session_table sessions(2);
    auto first = sessions.login();
    auto second = sessions.login();
    auto third = sessions.login();
    CHECK_FALSE(sessions.user_of(first.token).has_value());
    CHECK(sessions.user_of(second.token) == "user-2");
    CHECK(sessions.user_of(third.token) == "user-3");
}

TEST_CASE("responses serialise with Content-Length and Connection", "[http_response]") {
    faultline::sample::http_response response{
        201, "application/json", R"({"order":1})", {{"X-A", "b"}}};
    std::string wire;
    faultline::sample::serialize(response, true, wire);
    CHECK(wire ==
          "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 11\r\n"
          "Connection: keep-alive\r\nX-A: b\r\n\r\n{\"order\":1}");
    wire.clear();
    faultline::sample::serialize(faultline::sample::error_response(503, "busy"), false, wire);
    CHECK(wire ==
          "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
          "Content-Length: 16\r\nConnection: close\r\n\r\n{\"error\":\"busy\"}");
}
