#include <chrono>

#include <catch2/catch.hpp>

#include "recording_sink.hpp"

using namespace std::chrono_literals;
using namespace faultline::test;
using faultline::proxies::piece;

TEST_CASE("reset_peer passes data and resets at start + timeout", "[proxies][reset_peer]") {
    auto made = make_stage("reset_peer", {{"timeout", 500}});
    recording_sink sink;
    made->start(t0, sink);
    REQUIRE(sink.wakes.size() == 1);
    CHECK(sink.wakes[0] == t0 + 500ms);
    made->on_piece(make_piece("data"), t0 + 1ms, sink);
    REQUIRE(sink.emits.size() == 1);
    CHECK(sink.emits[0].release == t0 + 1ms);
    CHECK(sink.data() == "data");
    CHECK(sink.closes.empty());
    made->on_timer(t0 + 501ms, sink);
    REQUIRE(sink.closes.size() == 1);
    CHECK(sink.closes[0].kind == close_kind::reset);
    CHECK(sink.closes[0].at == t0 + 501ms);
    made->on_timer(t0 + 600ms, sink);
    CHECK(sink.closes.size() == 1);
    CHECK(made.counters->actions == 1);
    CHECK(made.counters->pieces == 1);
    CHECK_FALSE(made->closes_on_removal());
}

TEST_CASE("reset_peer counts from when it joins an open connection", "[proxies][reset_peer]") {
    auto made = make_stage("reset_peer", {{"timeout", 100}});
    recording_sink sink;
    made->start(t0 + 30s, sink);  // added long after the connection opened
    REQUIRE(sink.wakes.size() == 1);
    CHECK(sink.wakes[0] == t0 + 30s + 100ms);
}

TEST_CASE("reset_peer 0 resets at once", "[proxies][reset_peer]") {
    auto made = make_stage("reset_peer", {});
    recording_sink sink;
    made->start(t0, sink);
    REQUIRE(sink.wakes.size() == 1);
    CHECK(sink.wakes[0] == t0);
    made->on_timer(t0, sink);
    REQUIRE(sink.closes.size() == 1);
    CHECK(sink.closes[0].kind == close_kind::reset);
}
