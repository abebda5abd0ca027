#include <chrono>

#include <catch2/catch.hpp>

#include <faultline/toxics/toxic_random.hpp>

#include "recording_sink.hpp"

using namespace std::chrono_literals;
using namespace faultline::test;

TEST_CASE("drop with the defaults closes every connection at start", "[proxies][drop]") {
    auto made = make_stage("drop", {});
    recording_sink sink;
    made->start(t0, sink);
    REQUIRE(sink.closes.size() == 1);
    CHECK(sink.closes[0].kind == close_kind::graceful);
    CHECK(sink.closes[0].at == t0);
    made->on_piece(make_piece("late"), t0 + 1ms, sink);
    CHECK(sink.emits.empty());
    CHECK(sink.closes.size() == 1);
    CHECK(made.counters->actions == 2);  // the close, and the piece swallowed after it
}

TEST_CASE("drop after_bytes passes that many bytes, then closes", "[proxies][drop]") {
    auto made = make_stage("drop", {{"after_bytes", 6}});
    recording_sink sink;
    made->start(t0, sink);
    CHECK(sink.closes.empty());
    made->on_piece(make_piece("abcd"), t0 + 1ms, sink);
    made->on_piece(make_piece("efgh"), t0 + 2ms, sink);
    CHECK(sink.data() == "abcdef");
    REQUIRE(sink.closes.size() == 1);
    CHECK(sink.closes[0].at == t0 + 2ms);
}

TEST_CASE("drop with probability 0 never acts", "[proxies][drop]") {
    auto made = make_stage("drop", {{"probability", 0}, {"after_bytes", 2}});
    recording_sink sink;
    made->start(t0, sink);
    made->on_piece(make_piece("abcdef"), t0, sink);
    CHECK(sink.data() == "abcdef");
    CHECK(sink.closes.empty());
    CHECK(made.counters->actions == 0);
}

TEST_CASE("drop closes about `probability` of connections", "[proxies][drop]") {
    const double probability = GENERATE(0.1, 0.3, 0.8);
    constexpr int connections = 10'000;
    int closed = 0;
    for (int c = 0; c < connections; ++c) {
        const auto seed = faultline::proxies::mix_seed(1234, static_cast<std::uint64_t>(c), 0);
        auto made = make_stage("drop", {{"probability", probability}}, seed);
        recording_sink sink;
        made->start(t0, sink);
        closed += sink.closes.empty() ? 0 : 1;
    }
    CHECK(static_cast<double>(closed) / connections == Approx(probability).margin(0.02));
}
