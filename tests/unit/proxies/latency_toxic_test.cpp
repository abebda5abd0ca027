#include <algorithm>
#include <chrono>
#include <vector>

#include <catch2/catch.hpp>

#include "recording_sink.hpp"

using namespace std::chrono_literals;
using namespace faultline::test;

namespace {

// Releases (relative to arrival) of `count` pieces through a latency stage.
std::vector<faultline::nanoseconds> delays(double latency, double jitter, std::uint64_t seed,
                                           int count) {
    auto made = make_stage("latency", {{"latency", latency}, {"jitter", jitter}}, seed);
    recording_sink sink;
    std::vector<faultline::nanoseconds> out;
    for (int i = 0; i < count; ++i) {
        const auto at = t0 + i * 1ms;
        made->on_piece(make_piece("x"), at, sink);
        out.push_back(sink.emits.back().release - at);
    }
    return out;
}

}  // namespace

TEST_CASE("latency delays every piece and the end of the stream", "[proxies][latency]") {
    auto made = make_stage("latency", {{"latency", 100}});
    recording_sink sink;
    made->on_piece(make_piece("hello"), t0, sink);
    made->on_piece(make_piece("world"), t0 + 5ms, sink);
    made->on_piece(faultline::proxies::piece::end_of_stream(), t0 + 7ms, sink);
    REQUIRE(sink.emits.size() == 3);
    CHECK(sink.emits[0].release == t0 + 100ms);
    CHECK(sink.emits[0].p.bytes() == "hello");
    CHECK(sink.emits[1].release == t0 + 105ms);  // from its own arrival: no throughput cap
    CHECK(sink.emits[2].p.is_end());
    CHECK(sink.emits[2].release == t0 + 107ms);
    CHECK(made.counters->pieces == 2);
    CHECK(made.counters->bytes == 10);
    CHECK(made.counters->actions == 3);
    CHECK(sink.closes.empty());
}

TEST_CASE("latency 0 passes pieces at once without acting", "[proxies][latency]") {
    auto made = make_stage("latency", {});
    recording_sink sink;
    made->on_piece(make_piece("abc"), t0, sink);
    REQUIRE(sink.emits.size() == 1);
    CHECK(sink.emits[0].release == t0);
    CHECK(made.counters->actions == 0);
    CHECK(made.counters->pieces == 1);
}

TEST_CASE("latency jitter stays within bounds and spreads over them", "[proxies][latency]") {
    const auto seed = GENERATE(1u, 2u, 3u);
    const auto d = delays(100, 20, seed, 2000);
    const auto [low, high] = std::minmax_element(d.begin(), d.end());
    CHECK(*low >= 80ms);
    CHECK(*high <= 120ms);
    CHECK(*low < 82ms);  // both ends are reached
    CHECK(*high > 118ms);
    faultline::nanoseconds sum{0};
    for (const auto x : d)
        sum += x;
    CHECK(faultline::to_millis(sum / d.size()) == Approx(100).margin(1));
}

TEST_CASE("latency jitter repeats with a seed and differs between seeds", "[proxies][latency]") {
    CHECK(delays(50, 10, 7, 100) == delays(50, 10, 7, 100));
    CHECK(delays(50, 10, 7, 100) != delays(50, 10, 8, 100));
}

TEST_CASE("latency jitter larger than latency never releases before arrival",
          "[proxies][latency]") {
    const auto d = delays(5, 50, 11, 1000);
    CHECK(*std::min_element(d.begin(), d.end()) == 0ns);
    CHECK(*std::max_element(d.begin(), d.end()) <= 55ms);
}
