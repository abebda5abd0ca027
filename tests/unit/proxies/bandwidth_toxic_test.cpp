#include <chrono>

#include <catch2/catch.hpp>

#include "recording_sink.hpp"

using namespace std::chrono_literals;
using namespace faultline::test;
using faultline::proxies::piece;

TEST_CASE("bandwidth 0 is unlimited", "[proxies][bandwidth]") {
    auto made = make_stage("bandwidth", {});
    recording_sink sink;
    made->on_piece(make_piece(1'000'000), t0, sink);
    REQUIRE(sink.emits.size() == 1);
    CHECK(sink.emits[0].release == t0);
    CHECK(made.counters->actions == 0);
}

TEST_CASE("bandwidth sends 1 MB at 100 KB/s in 10 s", "[proxies][bandwidth]") {
    auto made = make_stage("bandwidth", {{"rate", 100}});
    recording_sink sink;
    std::string sent;
    for (int i = 0; i < 64; ++i) {  // 64 reads of 15625 bytes, all at once: 1 MB
        const auto p = make_piece(15'625);
        sent.append(p.bytes());
        made->on_piece(p, t0, sink);
    }
    made->on_piece(piece::end_of_stream(), t0 + 1s, sink);
    REQUIRE(sink.emits.size() > 100);
    CHECK(sink.data() == sent);
    const auto last_data = sink.emits[sink.emits.size() - 2].release;
    // ±1 slice of 100 ms.
    CHECK(last_data >= t0 + 9900ms);
    CHECK(last_data <= t0 + 10100ms);
    CHECK(sink.emits.back().p.is_end());
    CHECK(sink.emits.back().release >= last_data);
    // Never faster than the rate: bytes released by any time t fit in rate × (t - t0).
    std::size_t cumulative = 0;
    auto previous = t0;
    for (const auto& e : sink.data_emits()) {
        CHECK(e.p.size() <= 10'000);
        CHECK(e.release >= previous);
        previous = e.release;
        cumulative += e.p.size();
        CHECK(static_cast<double>(cumulative) <=
              100'000.0 * faultline::to_seconds(e.release - t0) + 1);
    }
    CHECK(made.counters->pieces == 64);
    CHECK(made.counters->bytes == 1'000'000);
}

TEST_CASE("bandwidth does not save idle time for a burst", "[proxies][bandwidth]") {
    auto made = make_stage("bandwidth", {{"rate", 100}});
    recording_sink sink;
    made->on_piece(make_piece(1000), t0, sink);
    made->on_piece(make_piece(1000), t0 + 10s, sink);
    REQUIRE(sink.emits.size() == 2);
    CHECK(sink.emits[0].release == t0 + 10ms);
    CHECK(sink.emits[1].release == t0 + 10s + 10ms);
}

TEST_CASE("bandwidth queues a piece behind the bytes before it", "[proxies][bandwidth]") {
    auto made = make_stage("bandwidth", {{"rate", 1}});  // 1000 bytes/s, slices of 100 bytes
    recording_sink sink;
    made->on_piece(make_piece(500), t0, sink);
    made->on_piece(make_piece(100), t0 + 100ms, sink);
    REQUIRE(sink.emits.size() == 6);
    CHECK(sink.emits[0].release == t0 + 100ms);
    CHECK(sink.emits[4].release == t0 + 500ms);
    CHECK(sink.emits[5].release == t0 + 600ms);  // waits for the first piece's last byte
    CHECK(made.counters->actions == 2);
}
