#include <chrono>

#include <catch2/catch.hpp>

#include "recording_sink.hpp"

using namespace std::chrono_literals;
using namespace faultline::test;
using faultline::proxies::piece;

TEST_CASE("slow_close passes data and holds the end of the stream", "[proxies][slow_close]") {
    auto made = make_stage("slow_close", {{"delay", 250}});
    recording_sink sink;
    made->on_piece(make_piece("request"), t0, sink);
    made->on_piece(make_piece("more"), t0 + 3ms, sink);
    made->on_piece(piece::end_of_stream(), t0 + 5ms, sink);
    REQUIRE(sink.emits.size() == 3);
    CHECK(sink.emits[0].release == t0);
    CHECK(sink.emits[1].release == t0 + 3ms);
    CHECK(sink.data() == "requestmore");
    CHECK(sink.emits[2].p.is_end());
    CHECK(sink.emits[2].release == t0 + 255ms);
    CHECK(made.counters->pieces == 2);
    CHECK(made.counters->actions == 1);
    CHECK(sink.closes.empty());
}

TEST_CASE("slow_close with no delay changes nothing", "[proxies][slow_close]") {
    auto made = make_stage("slow_close", {});
    recording_sink sink;
    made->on_piece(piece::end_of_stream(), t0, sink);
    REQUIRE(sink.emits.size() == 1);
    CHECK(sink.emits[0].release == t0);
    CHECK(made.counters->actions == 0);
}
