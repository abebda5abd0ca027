#include <chrono>

#include <catch2/catch.hpp>

#include "recording_sink.hpp"

using namespace std::chrono_literals;
using namespace faultline::test;
using faultline::proxies::piece;

TEST_CASE("timeout swallows data and closes after the timeout", "[proxies][timeout]") {
    auto made = make_stage("timeout", {{"timeout", 1000}});
    recording_sink sink;
    made->start(t0, sink);
    REQUIRE(sink.wakes.size() == 1);
    CHECK(sink.wakes[0] == t0 + 1s);
    made->on_piece(make_piece("lost"), t0 + 10ms, sink);
    made->on_piece(make_piece("also lost"), t0 + 20ms, sink);
    CHECK(sink.emits.empty());
    CHECK(made.counters->pieces == 2);
    CHECK(made.counters->bytes == 13);
    CHECK(made.counters->actions == 2);
    made->on_timer(t0 + 1s, sink);
    REQUIRE(sink.closes.size() == 1);
    CHECK(sink.closes[0].kind == close_kind::graceful);
    CHECK(sink.closes[0].at == t0 + 1s);
    made->on_timer(t0 + 2s, sink);  // a stray wake does not close twice
    CHECK(sink.closes.size() == 1);
    CHECK(made->closes_on_removal());
}

TEST_CASE("timeout 0 holds forever but passes the end of the stream", "[proxies][timeout]") {
    auto made = make_stage("timeout", {});
    recording_sink sink;
    made->start(t0, sink);
    CHECK(sink.wakes.empty());
    made->on_piece(make_piece("held"), t0, sink);
    made->on_piece(piece::end_of_stream(), t0 + 1ms, sink);
    REQUIRE(sink.emits.size() == 1);
    CHECK(sink.emits[0].p.is_end());
    CHECK(sink.emits[0].release == t0 + 1ms);
    CHECK(sink.closes.empty());
    CHECK(made->closes_on_removal());
}
