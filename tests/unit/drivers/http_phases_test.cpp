// The phases the HTTP driver measures per request, against real loopback servers: dns, connect
// (and tls, in the lab tests) only when a request opened a connection; ttfb and receive as the
// server's own pauses; nothing for a request that got no whole response.
#include <algorithm>
#include <vector>

#include <catch2/catch.hpp>

#include <faultline/drivers/driver_descriptor.hpp>
#include <faultline/drivers/http_config.hpp>
#include <faultline/test/loopback_server.hpp>

#include "run_session.hpp"

using namespace std::chrono_literals;
using faultline::nanoseconds;
using faultline::stats::outcome;
using faultline::stats::phase;
using faultline::test::behaviour;
using faultline::test::loopback_server;

namespace {

faultline::drivers::http_workload workload(std::string host, std::uint16_t port) {
    faultline::drivers::http_workload http;
    http.request.target = {std::move(host), port};
    http.request.path = "/p";
    http.connect_timeout = 1s;
    http.request_timeout = 1s;
    return http;
}

// Runs one request; returns its outcome and a copy of its phases (empty when none).
std::pair<outcome, faultline::stats::request_phases> run_one(faultline::drivers::session& s,
                                                             faultline::asio::io_context& ioc) {
    const auto result = faultline::drivers::test::execute_timed(s, ioc).first;
    const auto* phases = s.phases();
    return {result, phases != nullptr ? *phases : faultline::stats::request_phases{}};
}

nanoseconds median(std::vector<nanoseconds> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

}  // namespace

TEST_CASE("a new connection's request has connect, a reused one's not", "[http_phases]") {
    loopback_server server(behaviour::answer_ok);
    faultline::asio::io_context ioc;
    auto session = faultline::drivers::make_driver("http", workload("127.0.0.1", server.port()))
                       ->make_session(ioc.get_executor(), 1);
    const auto [first, opened] = run_one(*session, ioc);
    REQUIRE(first == outcome::ok);
    CHECK(opened.has(phase::connect));
    CHECK_FALSE(opened.has(phase::dns));  // an address: nothing to resolve
    CHECK_FALSE(opened.has(phase::tls));
    for (const auto p : {phase::ttfb, phase::receive, phase::total})
        CHECK(opened.has(p));
    CHECK(opened.took(phase::total) >= opened.took(phase::connect) + opened.took(phase::ttfb));
    const auto [second, reused] = run_one(*session, ioc);
    REQUIRE(second == outcome::ok);
    CHECK_FALSE(reused.has(phase::connect));
    CHECK_FALSE(reused.has(phase::dns));
    CHECK(reused.has(phase::ttfb));
    CHECK(reused.has(phase::total));
    session->close();
    CHECK(server.accepted() == 1);
}

TEST_CASE("a name's new connection has a dns phase", "[http_phases]") {
    loopback_server server(behaviour::answer_ok);
    faultline::asio::io_context ioc;
    auto w = workload("localhost", server.port());
    w.keep_alive = false;  // every request connects, so every one resolves (from the cache)
    auto session = faultline::drivers::make_driver("http", w)->make_session(ioc.get_executor(), 1);
    for (int i = 0; i < 3; ++i) {
        const auto [result, phases] = run_one(*session, ioc);
        // localhost may resolve to ::1 first, where the server does not listen.
        if (result != outcome::ok)
            continue;
        CHECK(phases.has(phase::dns));
        CHECK(phases.has(phase::connect));
    }
    session->close();
    CHECK(server.accepted() >= 1);
}

TEST_CASE("ttfb and receive are the server's pauses", "[http_phases]") {
    loopback_server server(behaviour::answer_slowly);
    faultline::asio::io_context ioc;
    auto session = faultline::drivers::make_driver("http", workload("127.0.0.1", server.port()))
                       ->make_session(ioc.get_executor(), 1);
    std::vector<nanoseconds> ttfb, receive, total;
    for (int i = 0; i < 7; ++i) {
        const auto [result, phases] = run_one(*session, ioc);
        REQUIRE(result == outcome::ok);
        REQUIRE(phases.has(phase::ttfb));
        ttfb.push_back(phases.took(phase::ttfb));
        receive.push_back(phases.took(phase::receive));
        total.push_back(phases.took(phase::total));
    }
    session->close();
    const nanoseconds first_byte = faultline::test::slow_first_byte;
    const nanoseconds body_gap = faultline::test::slow_body_gap;
    // Never shorter than the server's pause; the median within 2 ms of it.
    CHECK(*std::min_element(ttfb.begin(), ttfb.end()) >= first_byte);
    CHECK(median(ttfb) - first_byte < 2ms);
    CHECK(*std::min_element(receive.begin(), receive.end()) >= body_gap);
    CHECK(median(receive) - body_gap < 2ms);
    CHECK(median(total) >= first_byte + body_gap);
}

TEST_CASE("a request without a whole response has no phases", "[http_phases]") {
    loopback_server server(behaviour::never_answer);
    faultline::asio::io_context ioc;
    auto w = workload("127.0.0.1", server.port());
    w.request_timeout = 100ms;
    auto session = faultline::drivers::make_driver("http", w)->make_session(ioc.get_executor(), 1);
    const auto result = faultline::drivers::test::execute_timed(*session, ioc).first;
    CHECK(result == outcome::timeout);
    CHECK(session->phases() == nullptr);
    session->close();
}

TEST_CASE("an HTTP error response still has its phases", "[http_phases]") {
    loopback_server server(behaviour::answer_ok);
    faultline::asio::io_context ioc;
    faultline::drivers::check_spec wants_201;
    wants_201.status = {201};
    auto session =
        faultline::drivers::make_driver("http", workload("127.0.0.1", server.port()), wants_201)
            ->make_session(ioc.get_executor(), 1);
    const auto [result, phases] = run_one(*session, ioc);
    CHECK(result == outcome::check_failed);
    CHECK(phases.has(phase::ttfb));
    CHECK(phases.has(phase::connect));
    session->close();
}
