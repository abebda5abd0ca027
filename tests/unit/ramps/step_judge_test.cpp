#include <catch2/catch.hpp>

#include <faultline/ramps/step_judge.hpp>

using namespace std::chrono_literals;
using namespace faultline::ramps;

namespace {
step_numbers step(double level, double throughput, double error_rate, faultline::nanoseconds p99,
                  bool generator_bound = false) {
    step_numbers s;
    s.level = level;
    s.offered_rps = throughput;
    s.throughput_rps = throughput;
    s.achieved_rps = throughput;
    s.error_rate = error_rate;
    s.p99 = p99;
    s.completed = 1000;
    s.generator_bound = generator_bound;
    return s;
}
}  // namespace

TEST_CASE("criteria trip only when exceeded", "[step_judge]") {
    criteria c{0.01, 50ms, std::nullopt, std::nullopt};
    CHECK(tripped_criteria(step(8, 100, 0.01, 50ms), c).empty());
    CHECK(tripped_criteria(step(8, 100, 0.011, 50ms), c) == std::vector<std::string>{"error_rate"});
    CHECK(tripped_criteria(step(8, 100, 0.0, 51ms), c) == std::vector<std::string>{"p99"});
    CHECK(tripped_criteria(step(8, 100, 0.5, 1s), c) ==
          std::vector<std::string>{"error_rate", "p99"});
}

TEST_CASE("unset criteria are not judged", "[step_judge]") {
    criteria only_p99{std::nullopt, 10ms, std::nullopt, std::nullopt};
    CHECK(tripped_criteria(step(8, 100, 0.9, 5ms), only_p99).empty());
}

TEST_CASE("a step where nothing completed trips error_rate", "[step_judge]") {
    auto dead = step(8, 0, 0, 0ms);
    dead.completed = 0;
    CHECK(tripped_criteria(dead, criteria{0.01, std::nullopt, std::nullopt, std::nullopt}) ==
          std::vector<std::string>{"error_rate"});
}

TEST_CASE("open model attainment", "[step_judge]") {
    auto s = step(1000, 900, 0, 1ms);
    s.offered_rps = 1000;
    s.achieved_rps = 940;
    criteria c{std::nullopt, std::nullopt, 0.95, std::nullopt};
    CHECK(tripped_criteria(s, c) == std::vector<std::string>{"attainment"});
    s.achieved_rps = 960;
    CHECK(tripped_criteria(s, c).empty());
}

TEST_CASE("the breaking point is the first failing step; capacity the last passing",
          "[step_judge]") {
    std::vector<step_numbers> steps{step(8, 400, 0, 1ms), step(16, 800, 0, 2ms),
                                    step(24, 850, 0.2, 90ms)};
    std::vector<std::vector<std::string>> tripped{{}, {}, {"error_rate", "p99"}};
    auto bp = find_breaking_point(steps, tripped);
    CHECK(bp.found);
    CHECK(bp.step == 2u);
    CHECK(bp.level == 24);
    CHECK(bp.criterion == "error_rate");
    REQUIRE(bp.capacity);
    CHECK(bp.capacity->level == 16);
    CHECK(bp.capacity->throughput_rps == 800);
}

TEST_CASE("no failing step: not found, capacity is the last level", "[step_judge]") {
    auto bp = find_breaking_point({step(8, 400, 0, 1ms), step(16, 800, 0, 1ms)}, {{}, {}});
    CHECK_FALSE(bp.found);
    REQUIRE(bp.capacity);
    CHECK(bp.capacity->level == 16);
}

TEST_CASE("a generator-bound failure is not the target's breaking point", "[step_judge]") {
    auto bp =
        find_breaking_point({step(8, 400, 0, 1ms), step(16, 500, 0, 90ms, true)}, {{}, {"p99"}});
    CHECK_FALSE(bp.found);
    CHECK(bp.generator_bound);
    CHECK(bp.capacity->level == 8);
}

TEST_CASE("the first step failing leaves no capacity", "[step_judge]") {
    auto bp = find_breaking_point({step(8, 400, 0.5, 1ms)}, {{"error_rate"}});
    CHECK(bp.found);
    CHECK_FALSE(bp.capacity.has_value());
}

TEST_CASE("the throughput knee compares with the previous step", "[step_judge]") {
    criteria c;
    c.knee = 0.05;
    auto before = step(10, 4000, 0, 2ms);
    CHECK(tripped_criteria(step(12, 4100, 0, 3ms), c, &before) == std::vector<std::string>{"knee"});
    CHECK(tripped_criteria(step(12, 4300, 0, 3ms), c, &before).empty());
    // Load grew by less than 10 %: too little to judge a knee.
    CHECK(tripped_criteria(step(10.5, 4000, 0, 3ms), c, &before).empty());
    // The first step has nothing to compare with.
    CHECK(tripped_criteria(step(12, 4000, 0, 3ms), c).empty());
}
