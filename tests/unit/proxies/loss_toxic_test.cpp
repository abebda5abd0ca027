#include <chrono>
#include <cmath>

#include <catch2/catch.hpp>

#include "recording_sink.hpp"

using namespace std::chrono_literals;
using namespace faultline::test;
using faultline::proxies::piece;

namespace {

// What a loss stage did to `pieces` pieces, read back from the hold times: a piece held
// (2^k − 1) × rto was lost k times in a row, and (unless k = 6) then sent once more.
struct loss_outcome {
    long draws = 0;       // transmissions: chain steps
    long lost = 0;        // lost transmissions
    long held = 0;        // pieces held at least once
    double mean_run = 0;  // mean losses in a row per held piece
};

loss_outcome run_loss(double probability, double burst, std::uint64_t seed, int pieces) {
    auto made =
        make_stage("loss", {{"probability", probability}, {"burst", burst}, {"rto", 10}}, seed);
    recording_sink sink;
    loss_outcome outcome;
    for (int i = 0; i < pieces; ++i) {
        const auto at = t0 + i * 1ms;
        made->on_piece(make_piece("x"), at, sink);
        const auto hold = sink.emits.back().release - at;
        const auto rtos = hold / 10ms;
        REQUIRE(hold == rtos * 10ms);
        const long k = std::lround(std::log2(static_cast<double>(rtos) + 1));
        REQUIRE(rtos == (1L << k) - 1);  // 0, 1, 3, 7, ... 63 rto
        REQUIRE(k <= 6);
        outcome.lost += k;
        outcome.draws += k + (k < 6 ? 1 : 0);
        outcome.held += k > 0 ? 1 : 0;
    }
    outcome.mean_run = static_cast<double>(outcome.lost) / static_cast<double>(outcome.held);
    return outcome;
}

}  // namespace

TEST_CASE("loss 0 passes everything at once", "[proxies][loss]") {
    auto made = make_stage("loss", {});
    recording_sink sink;
    for (int i = 0; i < 1000; ++i)
        made->on_piece(make_piece("x"), t0 + i * 1ms, sink);
    for (std::size_t i = 0; i < sink.emits.size(); ++i)
        CHECK(sink.emits[i].release == t0 + static_cast<std::int64_t>(i) * 1ms);
    CHECK(made.counters->actions == 0);
}

TEST_CASE("loss 1 holds every piece for 6 doubling timeouts but never the end", "[proxies][loss]") {
    auto made = make_stage("loss", {{"probability", 1}, {"rto", 200}});
    recording_sink sink;
    made->on_piece(make_piece("x"), t0, sink);
    made->on_piece(piece::end_of_stream(), t0, sink);
    REQUIRE(sink.emits.size() == 2);
    CHECK(sink.emits[0].release == t0 + 63 * 200ms);
    CHECK(sink.emits[1].release == t0);  // the chain keeps it behind the data, not the stage
    CHECK(made.counters->actions == 1);
}

TEST_CASE("loss rate over transmissions matches probability", "[proxies][loss]") {
    const double probability = GENERATE(0.05, 0.2);
    const double burst = GENERATE(0.0, 0.5, 0.8);
    INFO("probability " << probability << " burst " << burst);
    const auto outcome = run_loss(probability, burst, 77, 100'000);
    REQUIRE(outcome.draws >= 100'000);
    const double rate = static_cast<double>(outcome.lost) / static_cast<double>(outcome.draws);
    CHECK(rate == Approx(probability).margin(0.01));
    if (burst == 0.0) {  // independent: the share of pieces held is the probability too
        CHECK(static_cast<double>(outcome.held) / 100'000 == Approx(probability).margin(0.01));
    }
}

TEST_CASE("loss runs get longer as burst grows", "[proxies][loss]") {
    const double p = 0.1;
    const auto independent = run_loss(p, 0.0, 5, 100'000);
    const auto some = run_loss(p, 0.5, 5, 100'000);
    const auto heavy = run_loss(p, 0.8, 5, 100'000);
    CHECK(independent.mean_run < some.mean_run);
    CHECK(some.mean_run < heavy.mean_run);
    // A run lasts 1 / (1 − r) transmissions, capped at 6: E = (1 − r^6) / (1 − r).
    const auto expected = [](double r) { return (1 - std::pow(r, 6)) / (1 - r); };
    CHECK(independent.mean_run == Approx(expected(p)).epsilon(0.05));
    CHECK(some.mean_run == Approx(expected(0.5)).epsilon(0.05));
    CHECK(heavy.mean_run == Approx(expected(0.8)).epsilon(0.05));
}

TEST_CASE("loss repeats with a seed", "[proxies][loss]") {
    const auto a = run_loss(0.3, 0.5, 9, 2000);
    const auto b = run_loss(0.3, 0.5, 9, 2000);
    const auto c = run_loss(0.3, 0.5, 10, 2000);
    CHECK(a.lost == b.lost);
    CHECK(a.draws == b.draws);
    CHECK((a.lost != c.lost || a.draws != c.draws));
}
