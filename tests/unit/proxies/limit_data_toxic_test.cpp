#include <chrono>

#include <catch2/catch.hpp>

#include "recording_sink.hpp"

using namespace std::chrono_literals;
using namespace faultline::test;
using faultline::proxies::piece;

TEST_CASE("limit_data cuts the crossing piece and closes", "[proxies][limit_data]") {
    auto made = make_stage("limit_data", {{"bytes", 10}});
    recording_sink sink;
    made->on_piece(make_piece("abcd"), t0, sink);
    made->on_piece(make_piece("efgh"), t0 + 1ms, sink);
    CHECK(sink.closes.empty());
    made->on_piece(make_piece("ijkl"), t0 + 2ms, sink);
    CHECK(sink.data() == "abcdefghij");
    REQUIRE(sink.closes.size() == 1);
    CHECK(sink.closes[0].kind == close_kind::graceful);
    CHECK(sink.closes[0].at == t0 + 2ms);
    CHECK(sink.emits.back().release == t0 + 2ms);
    made->on_piece(make_piece("mnop"), t0 + 3ms, sink);  // after the limit: nothing passes
    CHECK(sink.data() == "abcdefghij");
    CHECK(sink.closes.size() == 1);
    CHECK(made.counters->pieces == 4);
    CHECK(made.counters->bytes == 16);
}

TEST_CASE("limit_data closes when a piece ends exactly at the limit", "[proxies][limit_data]") {
    auto made = make_stage("limit_data", {{"bytes", 8}});
    recording_sink sink;
    made->on_piece(make_piece("abcd"), t0, sink);
    made->on_piece(make_piece("efgh"), t0, sink);
    CHECK(sink.data() == "abcdefgh");
    CHECK(sink.closes.size() == 1);
    CHECK(made.counters->actions == 1);
}

TEST_CASE("limit_data 0 closes on the first data piece", "[proxies][limit_data]") {
    auto made = make_stage("limit_data", {});
    recording_sink sink;
    made->on_piece(piece::end_of_stream(), t0, sink);  // the end alone passes
    CHECK(sink.closes.empty());
    made->on_piece(make_piece("x"), t0 + 1ms, sink);
    CHECK(sink.data().empty());
    REQUIRE(sink.closes.size() == 1);
    CHECK(sink.closes[0].at == t0 + 1ms);
}
