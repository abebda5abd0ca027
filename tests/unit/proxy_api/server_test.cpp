// The HTTP server: keep-alive, deadlines, the connection limit, 100-continue, start and stop.
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>

#include <faultline/test/blocking_client.hpp>
#include <faultline/test/support.hpp>

#include "api_fixture.hpp"

using namespace faultline;
using namespace std::chrono_literals;
using test::api_fixture;

namespace {

std::size_t count_of(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
        ++n;
    return n;
}

std::string keep_alive_get(const std::string& target) {
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

}  // namespace

TEST_CASE("one connection carries several requests (keep-alive, pipelined)",
          "[proxy_api][server]") {
    api_fixture api;
    const std::string requests = keep_alive_get("/version") + keep_alive_get("/proxies") +
                                 test::raw_request("GET", "/version");  // the last closes
    const std::string answers = test::raw_exchange(api.port(), requests);
    CHECK(count_of(answers, "HTTP/1.1 200 OK\r\n") == 3);
    CHECK(count_of(answers, "\"version\":\"9.8.7-test\"") == 2);
}

TEST_CASE("a client that sends too slowly is disconnected at the read deadline",
          "[proxy_api][server]") {
    proxy_api::api_server_options options;
    options.read_timeout = 300ms;
    api_fixture api(options);
    SECTION("half a request head") {
        test::blocking_client client(api.port(), 2s);
        REQUIRE(client.send_all("GET /version HTTP/1.1\r\nHo", 1s));
        const auto start = clock::now();
        std::string rest;
        CHECK(client.read_until_closed(rest, 5s) == test::read_end::closed);
        CHECK(clock::now() - start < 3s);
        CHECK(rest.empty());
    }
    SECTION("an idle keep-alive connection") {
        test::blocking_client client(api.port(), 2s);
        REQUIRE(client.send_all(keep_alive_get("/version"), 1s));
        std::string answers;
        CHECK(client.read_until_closed(answers, 5s) == test::read_end::closed);
        CHECK(count_of(answers, "HTTP/1.1 200 OK") == 1);
    }
    CHECK(test::wait_for([&] { return api.server().open_connections() == 0; }, 2000ms));
}

TEST_CASE("connections beyond the limit are closed at once", "[proxy_api][server]") {
    proxy_api::api_server_options options;
    options.max_connections = 4;
    api_fixture api(options);
    std::vector<std::unique_ptr<test::blocking_client>> held;
    for (int i = 0; i < 4; ++i)
        held.push_back(std::make_unique<test::blocking_client>(api.port(), 2s));
    REQUIRE(test::wait_for([&] { return api.server().open_connections() == 4; }, 2000ms));
    CHECK(test::probe_connection(api.port(), 1000ms) == test::connection_fate::closed);
    CHECK(api.server().refused_connections() >= 1);

    held.pop_back();
    REQUIRE(test::wait_for([&] { return api.server().open_connections() == 3; }, 2000ms));
    CHECK(api.get("/version").status == 200);
}

TEST_CASE("Expect: 100-continue gets its interim answer before the body is sent",
          "[proxy_api][server]") {
    api_fixture api;
    const std::string body = R"({"name": "c", "listen": "127.0.0.1:0", "upstream": "127.0.0.1:9"})";
    test::blocking_client client(api.port(), 2s);
    REQUIRE(
        client.send_all("POST /proxies HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                        "Expect: 100-continue\r\nContent-Length: " +
                            std::to_string(body.size()) + "\r\n\r\n",
                        1s));
    const std::string interim = "HTTP/1.1 100 Continue\r\n\r\n";
    std::string got;
    CHECK(client.read_exactly(interim.size(), got, 2s) == test::read_end::complete);
    CHECK(got == interim);
    REQUIRE(client.send_all(body, 1s));
    std::string answer;
    client.read_until_closed(answer, 5s);
    CHECK(test::raw_status(answer) == 201);
}

TEST_CASE("a chunked body whose last chunk arrives a byte at a time is read whole",
          "[proxy_api][server]") {
    // Beast 1.74's own read loop hands its chunk parser a final chunk of under five bytes here,
    // which aborts a build with assertions on: the server must feed it differently.
    api_fixture api;
    const std::string body = R"({"name":"t","listen":"127.0.0.1:0","upstream":"127.0.0.1:9"})";
    test::blocking_client client(api.port(), 2s);
    std::ostringstream head;
    head << "POST /proxies HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
         << "Transfer-Encoding: chunked\r\n\r\n"
         << std::hex << body.size() << "\r\n"
         << body << "\r\n";
    REQUIRE(client.send_all(head.str(), 1s));
    for (const std::string_view piece : {"0", "\r", "\n", "\r", "\n"}) {
        std::this_thread::sleep_for(40ms);
        REQUIRE(client.send_all(piece, 1s));
    }
    std::string answer;
    client.read_until_closed(answer, 5s);
    CHECK(test::raw_status(answer) == 201);
    CHECK(api.get("/proxies/t").status == 200);
}

TEST_CASE("a taken port or a malformed address is a clear start error", "[proxy_api][server]") {
    api_fixture first;
    proxies::proxy_server proxies;
    proxy_api::api_server_options options;
    options.listen = first.server().address();
    auto second = proxy_api::api_server::start(proxies, options);
    REQUIRE_FALSE(second);
    CHECK(second.error().find("cannot serve the control API on " + options.listen) == 0);
    CHECK(second.error().find("in use") != std::string::npos);

    options.listen = "nonsense";
    auto bad = proxy_api::api_server::start(proxies, options);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().rfind("--api: ", 0) == 0);
}

TEST_CASE("the server reports its real port and stop() closes open connections",
          "[proxy_api][server]") {
    api_fixture api;
    CHECK(api.port() != 0);
    CHECK(api.server().address() == "127.0.0.1:" + std::to_string(api.port()));
    test::blocking_client idle(api.port(), 2s);
    REQUIRE(test::wait_for([&] { return api.server().open_connections() == 1; }, 2000ms));
    const auto start = clock::now();
    api.server().stop();
    CHECK(clock::now() - start < 2s);
    std::string rest;
    CHECK(idle.read_until_closed(rest, 2s) != test::read_end::timed_out);
    CHECK(test::probe_connection(api.port(), 200ms) == test::connection_fate::refused);
}
