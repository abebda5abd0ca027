// The circuit breaker's states, on a clock the test moves: it opens after K failures in a row,
// refuses while open but for one probe per interval, and closes half_open_after the last failure.
#include <catch2/catch.hpp>

#include <faultline/sample/circuit_breaker.hpp>

using namespace std::chrono_literals;
using faultline::sample::breaker_admission;
using faultline::sample::circuit_breaker;

namespace {
const faultline::clock::time_point t0{std::chrono::seconds(1000)};

// Admits a call at `now` and records its result; returns how it was admitted.
breaker_admission call(circuit_breaker& b, faultline::clock::time_point now, bool success) {
    const auto how = b.admit(now);
    if (how != breaker_admission::refuse)
        b.record(success, how, now);
    return how;
}
}  // namespace

TEST_CASE("a breaker opens after K failures in a row, not after K scattered ones",
          "[circuit_breaker]") {
    circuit_breaker b({3, 2s, 25ms});
    call(b, t0, false);
    call(b, t0 + 1ms, false);
    call(b, t0 + 2ms, true);  // the run is broken
    call(b, t0 + 3ms, false);
    call(b, t0 + 4ms, false);
    CHECK_FALSE(b.open(t0 + 5ms));
    CHECK(call(b, t0 + 5ms, false) == breaker_admission::call);
    CHECK(b.open(t0 + 6ms));
    CHECK(b.opened_count() == 1);
}

TEST_CASE(
    "an open breaker refuses, probes once per interval, and closes T after the last "
    "failure",
    "[circuit_breaker]") {
    circuit_breaker b({1, 2s, 25ms});
    call(b, t0, false);  // open
    CHECK(b.admit(t0 + 1ms) == breaker_admission::probe);
    CHECK(b.admit(t0 + 2ms) == breaker_admission::refuse);   // one probe at a time
    b.record(false, breaker_admission::probe, t0 + 3ms);     // the probe failed: open longer
    CHECK(b.admit(t0 + 10ms) == breaker_admission::refuse);  // too soon for the next probe
    CHECK(b.admit(t0 + 30ms) == breaker_admission::probe);
    b.record(true, breaker_admission::probe, t0 + 31ms);  // back, but not yet trusted
    CHECK(b.open(t0 + 1s));
    CHECK(b.admit(t0 + 3ms + 2s - 1ms) != breaker_admission::call);
    // 2 s after the last failure (at t0 + 3 ms) calls go through again.
    CHECK(b.admit(t0 + 3ms + 2s) == breaker_admission::call);
    CHECK_FALSE(b.open(t0 + 3ms + 2s));
    // Closed again: it takes K failures to open it once more.
    CHECK(call(b, t0 + 3s, false) == breaker_admission::call);
    CHECK(b.opened_count() == 2);
}
