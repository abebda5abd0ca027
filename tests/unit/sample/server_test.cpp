#include <chrono>
#include <string>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <faultline/sample/handlers.hpp>
#include <faultline/sample/server.hpp>

#include "http_client.hpp"

using namespace std::chrono_literals;
using faultline::sample::server;
using faultline::sample::testing::http_client;
using faultline::sample::testing::loopback_options;
using faultline::sample::testing::request_text;
using faultline::sample::testing::response;
using json = nlohmann::json;

namespace {

// Every response must carry a Content-Length equal to its body: the client reads by it, so a
// wrong value would already have broken framing; a missing one is caught here.
response checked(std::optional<response> got) {
    REQUIRE(got.has_value());
    CHECK(got->header("Content-Length") == std::to_string(got->body.size()));
    return *got;
}

}  // namespace

TEST_CASE("every endpoint answers with its status and body", "[server]") {
    server service(loopback_options(4, 1ms));
    service.start();
    REQUIRE(service.port() != 0);
    http_client client(service.port());

    auto health = checked(client.exchange("GET", "/health"));
    CHECK(health.status == 200);
    CHECK(health.body == "ok");

    auto page = checked(client.exchange("GET", "/static"));
    CHECK(page.status == 200);
    CHECK(page.body == faultline::sample::static_body);

    auto item = checked(client.exchange("GET", "/items/42"));
    CHECK(item.status == 200);
    CHECK(item.header("Content-Type") == "application/json");
    CHECK(json::parse(item.body) == json{{"id", 42}, {"name", "item-42"}});
    CHECK(checked(client.exchange("GET", "/items/10001")).status == 404);

    auto order = checked(client.exchange("POST", "/orders", "", R"({"item": 3, "qty": 2})"));
    CHECK(order.status == 201);
    CHECK(json::parse(order.body) == json{{"order", 1}});
    CHECK(checked(client.exchange("POST", "/orders", "", "{not json")).status == 400);

    auto login = checked(client.exchange("POST", "/login"));
    CHECK(login.status == 200);
    CHECK(login.header("X-Session").starts_with("s-"));
    CHECK(json::parse(login.body)["token"].get<std::string>().starts_with("t-"));

    CHECK(checked(client.exchange("GET", "/nowhere")).status == 404);
    auto wrong_method = checked(client.exchange("DELETE", "/health"));
    CHECK(wrong_method.status == 405);
    CHECK(wrong_method.header("Allow") == "GET");
    CHECK(checked(client.exchange("POST", "/static", "", "x")).status == 405);
    CHECK(service.stats().accepted == 1);  // all of it on one keep-alive connection
}

TEST_CASE("/me answers 200 only with a token /login issued", "[server]") {
    server service(loopback_options(2, 1ms));
    service.start();
    http_client client(service.port());
    auto login = checked(client.exchange("POST", "/login"));
    REQUIRE(login.status == 200);
    const std::string token = json::parse(login.body)["token"];

    auto me = checked(client.exchange("GET", "/me", "Authorization: Bearer " + token + "\r\n"));
    CHECK(me.status == 200);
    CHECK(json::parse(me.body).contains("user"));
    CHECK(checked(client.exchange("GET", "/me")).status == 401);
    CHECK(checked(client.exchange("GET", "/me", "Authorization: Bearer t-forged\r\n")).status ==
          401);
    // The token is not tied to the connection that logged in.
    http_client other(service.port());
    CHECK(checked(other.exchange("GET", "/me", "Authorization: Bearer " + token + "\r\n")).status ==
          200);
}

TEST_CASE("a keep-alive connection serves many requests", "[server]") {
    server service(loopback_options(2, 1ms));
    service.start();
    http_client client(service.port());
    for (int i = 1; i <= 20; ++i) {
        auto got = checked(client.exchange("GET", "/items/" + std::to_string(i)));
        REQUIRE(got.status == 200);
        CHECK(got.header("Connection") == "keep-alive");
        CHECK(json::parse(got.body)["id"] == i);
    }
    CHECK(service.stats().accepted == 1);
    CHECK(service.stats().pool.served == 20);
}

TEST_CASE("pipelined requests are answered in order", "[server]") {
    // /health needs no worker and would overtake the others if order were not kept.
    server service(loopback_options(4, 20ms));
    service.start();
    http_client client(service.port());
    client.send(request_text("GET", "/items/5") +
                request_text("POST", "/orders", "", R"({"item":1,"qty":1})") +
                request_text("GET", "/health") + request_text("GET", "/items/6"));
    auto first = checked(client.read_response());
    auto second = checked(client.read_response());
    auto third = checked(client.read_response());
    auto fourth = checked(client.read_response());
    CHECK(json::parse(first.body)["id"] == 5);
    CHECK(second.status == 201);
    CHECK(third.body == "ok");
    CHECK(json::parse(fourth.body)["id"] == 6);
}

TEST_CASE("a request split across writes is reassembled", "[server]") {
    server service(loopback_options(2, 1ms));
    service.start();
    http_client client(service.port());
    const std::string text = request_text("POST", "/orders", "", R"({"item": 9, "qty": 4})");
    for (std::size_t at = 0; at < text.size(); at += 7) {
        client.send(std::string_view(text).substr(at, 7));
        std::this_thread::sleep_for(2ms);
    }
    auto got = checked(client.read_response());
    CHECK(got.status == 201);
}

TEST_CASE("Connection: close and HTTP/1.0 defaults are honoured", "[server]") {
    server service(loopback_options(2, 1ms));
    service.start();

    SECTION("HTTP/1.1 with Connection: close") {
        http_client client(service.port());
        auto got = checked(client.exchange("GET", "/static", "Connection: close\r\n"));
        CHECK(got.status == 200);
        CHECK(got.header("Connection") == "close");
        CHECK(client.wait_closed(2000ms));
    }
    SECTION("HTTP/1.0 closes by default") {
        http_client client(service.port());
        client.send("GET /health HTTP/1.0\r\n\r\n");
        auto got = checked(client.read_response());
        CHECK(got.body == "ok");
        CHECK(got.header("Connection") == "close");
        CHECK(client.wait_closed(2000ms));
    }
    SECTION("HTTP/1.0 with keep-alive stays open") {
        http_client client(service.port());
        for (int i = 0; i < 3; ++i) {
            client.send("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            auto got = checked(client.read_response());
            CHECK(got.body == "ok");
            CHECK(got.header("Connection") == "keep-alive");
        }
        CHECK(service.stats().accepted == 1);
    }
}

TEST_CASE("a malformed request gets 400 and the connection closes", "[server]") {
    server service(loopback_options(2, 1ms));
    service.start();
    auto raw = GENERATE(as<std::string>{}, "GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\n\r\n",
                        "GET /health HTTP/1.1\r\nBad Header\r\n\r\n",
                        "\x16\x03\x01\x02\x10\x01\x02\x0c\x03\x03");
    INFO(raw);
    http_client client(service.port());
    client.send(raw);
    auto got = checked(client.read_response(2000ms));
    CHECK(got.status == 400);
    CHECK(got.header("Connection") == "close");
    CHECK(client.wait_closed(2000ms));
}

TEST_CASE("several io threads serve together", "[server]") {
    auto options = loopback_options(4, 1ms);
    options.threads = 3;
    server service(options);
    service.start();
    std::vector<std::unique_ptr<http_client>> clients;
    for (int i = 0; i < 6; ++i)
        clients.push_back(std::make_unique<http_client>(service.port()));
    for (int round = 0; round < 5; ++round) {
        for (auto& c : clients)
            c->send(request_text("GET", "/static"));
        for (auto& c : clients)
            CHECK(checked(c->read_response()).status == 200);
    }
    CHECK(service.stats().pool.served == 30);
    CHECK(service.stats().accepted == 6);
}
