#include <catch2/catch.hpp>

#include <faultline/ramps/step_judge.hpp>

using namespace std::chrono_literals;
using namespace faultline::ramps;

namespace {
step_numbers step(double level, double throughput, bool generator_bound = false) {
    step_numbers s;
    s.level = level;
    s.offered_rps = throughput;
    s.throughput_rps = throughput;
    s.achieved_rps = throughput;
    s.completed = 1000;
    s.generator_bound = generator_bound;
    return s;
}

std::vector<trip> tripped(const char* criterion) {
    return {trip{criterion, 1, 0, trip_unit::fraction, 1.0}};
}
}  // namespace

TEST_CASE("the breaking point is the first failing step; capacity the last passing",
          "[step_judge]") {
    std::vector<step_numbers> steps{step(8, 400), step(16, 800), step(24, 850)};
    auto bp = find_breaking_point(steps, {{}, {}, tripped("error_rate")});
    CHECK(bp.found);
    CHECK(bp.step == 2u);
    CHECK(bp.level == 24);
    CHECK(bp.criterion == "error_rate");
    REQUIRE(bp.capacity);
    CHECK(bp.capacity->level == 16);
    CHECK(bp.capacity->throughput_rps == 800);
}

TEST_CASE("no failing step: not found, capacity is the last level", "[step_judge]") {
    auto bp = find_breaking_point({step(8, 400), step(16, 800)}, {{}, {}});
    CHECK_FALSE(bp.found);
    REQUIRE(bp.capacity);
    CHECK(bp.capacity->level == 16);
}

TEST_CASE("a generator-bound failure is not the target's breaking point", "[step_judge]") {
    auto bp = find_breaking_point({step(8, 400), step(16, 500, true)}, {{}, tripped("p99")});
    CHECK_FALSE(bp.found);
    CHECK(bp.generator_bound);
    CHECK(bp.capacity->level == 8);
}

TEST_CASE("the first step failing leaves no capacity", "[step_judge]") {
    auto bp = find_breaking_point({step(8, 400)}, {tripped("error_rate")});
    CHECK(bp.found);
    CHECK_FALSE(bp.capacity.has_value());
}

TEST_CASE("the throughput knee compares with the previous step", "[step_judge]") {
    criteria c;
    c.knee = 0.05;
    auto before = step(10, 4000);
    const auto trip = knee_trip(step(12, 4100), c, &before);
    REQUIRE(trip);
    CHECK(trip->criterion == "knee");
    CHECK(trip->value == Approx(0.025));
    CHECK(trip->limit == 0.05);
    CHECK_FALSE(trip->at_s.has_value());
    CHECK_FALSE(knee_trip(step(12, 4300), c, &before));
    // Load grew by less than 10 %: too little to judge a knee.
    CHECK_FALSE(knee_trip(step(10.5, 4000), c, &before));
    // The first step has nothing to compare with; no knee set judges nothing.
    CHECK_FALSE(knee_trip(step(12, 4000), c, nullptr));
    CHECK_FALSE(knee_trip(step(12, 4000), criteria{}, &before));
}
