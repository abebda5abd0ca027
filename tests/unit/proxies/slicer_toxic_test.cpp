#include <chrono>
#include <set>

#include <catch2/catch.hpp>

#include "recording_sink.hpp"

using namespace std::chrono_literals;
using namespace faultline::test;
using faultline::proxies::piece;

TEST_CASE("slicer cuts pieces into slices that concatenate to the input", "[proxies][slicer]") {
    const auto seed = GENERATE(1u, 2u, 3u, 4u);
    INFO("seed " << seed);
    auto made =
        make_stage("slicer", {{"average_size", 100}, {"size_variation", 30}, {"delay", 50}}, seed);
    recording_sink sink;
    const auto input = make_piece(10'000);
    made->on_piece(input, t0, sink);
    REQUIRE(sink.emits.size() > 60);
    CHECK(sink.data() == input.bytes());
    std::set<std::size_t> sizes;
    for (std::size_t k = 0; k < sink.emits.size(); ++k) {
        const auto size = sink.emits[k].p.size();
        CHECK(size >= 1);
        CHECK(size <= 130);
        if (k + 1 < sink.emits.size())
            CHECK(size >= 70);  // the last slice holds what is left
        CHECK(sink.emits[k].release == t0 + static_cast<std::int64_t>(k) * 50us);
        sizes.insert(size);
    }
    CHECK(sizes.size() > 20);  // sizes vary over the range
    CHECK(made.counters->actions == 1);
    CHECK(made.counters->pieces == 1);
}

TEST_CASE("slicer without variation cuts exact sizes", "[proxies][slicer]") {
    auto made = make_stage("slicer", {{"average_size", 4}});
    recording_sink sink;
    made->on_piece(make_piece("abcdefghij"), t0, sink);
    REQUIRE(sink.emits.size() == 3);
    CHECK(sink.emits[0].p.bytes() == "abcd");
    CHECK(sink.emits[1].p.bytes() == "efgh");
    CHECK(sink.emits[2].p.bytes() == "ij");
    for (const auto& e : sink.emits)
        CHECK(e.release == t0);
}

TEST_CASE("slicer with average_size 0 passes pieces whole", "[proxies][slicer]") {
    auto made = make_stage("slicer", {{"delay", 1000}});
    recording_sink sink;
    made->on_piece(make_piece(5000), t0, sink);
    made->on_piece(piece::end_of_stream(), t0 + 1ms, sink);
    REQUIRE(sink.emits.size() == 2);
    CHECK(sink.emits[0].p.size() == 5000);
    CHECK(sink.emits[0].release == t0);
    CHECK(sink.emits[1].p.is_end());
    CHECK(made.counters->actions == 0);
}

TEST_CASE("slicer leaves a piece no larger than a slice alone", "[proxies][slicer]") {
    auto made = make_stage("slicer", {{"average_size", 100}});
    recording_sink sink;
    made->on_piece(make_piece(60), t0, sink);
    REQUIRE(sink.emits.size() == 1);
    CHECK(made.counters->actions == 0);
}
