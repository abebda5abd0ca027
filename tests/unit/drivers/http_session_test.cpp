// The HTTP driver against real loopback sockets: every transport failure becomes the right
// outcome within its timeout, and a closed session ends as cancelled.
#include <catch2/catch.hpp>

#include <faultline/core/spawn.hpp>
#include <faultline/drivers/driver_descriptor.hpp>
#include <faultline/drivers/http_config.hpp>
#include <faultline/test/loopback_server.hpp>
#include <faultline/test/support.hpp>

#include "run_session.hpp"

using namespace std::chrono_literals;
using faultline::stats::outcome;
using faultline::test::behaviour;
using faultline::test::loopback_server;

namespace {

faultline::drivers::http_workload http_workload(std::uint16_t port,
                                                faultline::nanoseconds timeout = 300ms) {
    faultline::drivers::http_workload http;
    http.request.target = {"127.0.0.1", port};
    http.request.path = "/x/{seq}";
    http.connect_timeout = 300ms;
    http.request_timeout = timeout;
    return http;
}

using faultline::drivers::test::execute_timed;
std::pair<outcome, faultline::nanoseconds> execute_once(faultline::drivers::session& s,
                                                        faultline::asio::io_context& ioc) {
    return execute_timed(s, ioc);
}

}  // namespace

TEST_CASE("a healthy server gives ok on one kept-alive connection", "[http_session]") {
    loopback_server server(behaviour::answer_ok);
    faultline::asio::io_context ioc;
    auto driver = faultline::drivers::make_driver("http", http_workload(server.port()));
    auto session = driver->make_session(ioc.get_executor(), 1);
    for (int i = 0; i < 5; ++i)
        CHECK(execute_once(*session, ioc).first == outcome::ok);
    CHECK(server.accepted() == 1);
    session->close();
}

TEST_CASE("transport failures map to their error kinds within the timeout", "[http_session]") {
    struct row {
        const char* name;
        behaviour kind;
        outcome expected;
    };
    auto r = GENERATE(values<row>({
        {"never answers", behaviour::never_answer, outcome::timeout},
        {"resets mid-response", behaviour::reset_mid_response, outcome::reset},
        {"closes mid-response", behaviour::close_mid_response, outcome::eof},
        {"answers garbage", behaviour::garbage, outcome::protocol},
    }));
    INFO(r.name);
    loopback_server server(r.kind);
    faultline::asio::io_context ioc;
    auto driver = faultline::drivers::make_driver("http", http_workload(server.port(), 300ms));
    auto session = driver->make_session(ioc.get_executor(), 1);
    auto [result, took] = execute_once(*session, ioc);
    CHECK(result == r.expected);
    CHECK(took < 2s);
    if (r.kind == behaviour::never_answer)
        CHECK(took >= 250ms);
    // The session recovers: the next request reconnects rather than reusing a broken socket.
    auto [again, _] = execute_once(*session, ioc);
    CHECK(again == r.expected);
    CHECK(server.accepted() == 2);
    session->close();
}

TEST_CASE("nothing listening is connect_refused", "[http_session]") {
    faultline::asio::io_context ioc;
    auto driver =
        faultline::drivers::make_driver("http", http_workload(faultline::test::free_port()));
    auto session = driver->make_session(ioc.get_executor(), 1);
    auto [result, took] = execute_once(*session, ioc);
    CHECK(result == outcome::connect_refused);
    CHECK(took < 1s);
    session->close();
}

TEST_CASE("closing a session ends a pending request as cancelled", "[http_session]") {
    loopback_server server(behaviour::never_answer);
    faultline::asio::io_context ioc;
    auto driver = faultline::drivers::make_driver("http", http_workload(server.port(), 10s));
    auto session = driver->make_session(ioc.get_executor(), 1);
    std::optional<outcome> result;
    faultline::core::spawn(
        ioc.get_executor(),
        [&]() -> faultline::asio::awaitable<void> { result = co_await session->execute(); },
        "test execute");
    faultline::test::run_until(
        ioc, [&] { return server.accepted() == 1; }, 2000ms);
    ioc.run_for(20ms);
    session->close();
    REQUIRE(faultline::test::run_until(
        ioc, [&] { return result.has_value(); }, 2000ms));
    CHECK(*result == outcome::cancelled);
}

TEST_CASE("Host comes from the URL unless the workload sets one, and is sent once",
          "[http_session]") {
    loopback_server server(behaviour::answer_ok);
    faultline::asio::io_context ioc;
    auto plain = http_workload(server.port());
    auto own = http_workload(server.port());
    own.request.headers = {{"host", "api.staging.test"}, {"user-agent", "mine"}};
    for (const auto* w : {&plain, &own}) {
        auto session =
            faultline::drivers::make_driver("http", *w)->make_session(ioc.get_executor(), 1);
        CHECK(execute_once(*session, ioc).first == outcome::ok);
        session->close();
    }
    const std::string sent = server.received();
    const auto second = sent.find("GET ", 1);
    REQUIRE(second != std::string::npos);
    const std::string first_head = sent.substr(0, second);
    const std::string second_head = sent.substr(second);
    CHECK(first_head.find("Host: 127.0.0.1:" + std::to_string(server.port()) + "\r\n") !=
          std::string::npos);
    CHECK(first_head.find("User-Agent: faultline\r\n") != std::string::npos);
    CHECK(second_head.find("host: api.staging.test\r\n") != std::string::npos);
    CHECK(second_head.find("Host: ") == std::string::npos);
    CHECK(second_head.find("User-Agent: faultline") == std::string::npos);
}

TEST_CASE("a setup request goes to its own URL's server, the requests to theirs",
          "[http_session]") {
    loopback_server login(behaviour::answer_ok);
    loopback_server api(behaviour::answer_ok);
    faultline::asio::io_context ioc;
    auto w = http_workload(api.port());
    faultline::drivers::http_setup setup;
    setup.request.method = "POST";
    setup.request.target = {"127.0.0.1", login.port()};
    setup.request.path = "/login";
    w.setup = setup;
    auto session = faultline::drivers::make_driver("http", w)->make_session(ioc.get_executor(), 1);
    for (int i = 0; i < 3; ++i)
        CHECK(execute_once(*session, ioc).first == outcome::ok);
    session->close();
    CHECK(login.received().find("POST /login HTTP/1.1\r\n") == 0);
    CHECK(login.received().find("GET ") == std::string::npos);
    CHECK(api.received().find("POST") == std::string::npos);
    CHECK(api.accepted() == 1);
    CHECK(login.accepted() == 1);
}

TEST_CASE("keep_alive = false opens a fresh connection per request and says so", "[http_session]") {
    loopback_server server(behaviour::answer_ok);
    faultline::asio::io_context ioc;
    auto w = http_workload(server.port());
    w.keep_alive = false;
    auto session = faultline::drivers::make_driver("http", w)->make_session(ioc.get_executor(), 1);
    for (int i = 0; i < 4; ++i)
        CHECK(execute_once(*session, ioc).first == outcome::ok);
    session->close();
    CHECK(server.accepted() == 4);
    const std::string sent = server.received();
    std::size_t closes = 0;
    for (auto at = sent.find("Connection: close\r\n"); at != std::string::npos;
         at = sent.find("Connection: close\r\n", at + 1))
        ++closes;
    CHECK(closes == 4);
}

TEST_CASE("a server's Connection: close is honoured with a fresh connection", "[http_session]") {
    loopback_server server(behaviour::answer_close);
    faultline::asio::io_context ioc;
    auto session = faultline::drivers::make_driver("http", http_workload(server.port()))
                       ->make_session(ioc.get_executor(), 1);
    for (int i = 0; i < 3; ++i)
        CHECK(execute_once(*session, ioc).first == outcome::ok);
    session->close();
    CHECK(server.accepted() == 3);
}
