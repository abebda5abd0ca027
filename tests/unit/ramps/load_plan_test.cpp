#include <catch2/catch.hpp>

#include <faultline/ramps/load_plan.hpp>

using namespace std::chrono_literals;
using faultline::ramps::level_at;
using faultline::ramps::load_plan;
using faultline::ramps::plan_segment;

TEST_CASE("level_at interpolates a ramp linearly and clamps to the segment", "[load_plan]") {
    const plan_segment up{0, "stage", 10, 50, 4s, 0s, false};
    struct row {
        faultline::nanoseconds elapsed;
        double level;
    };
    auto r = GENERATE(
        values<row>({{-1s, 10}, {0s, 10}, {1s, 20}, {2s, 30}, {3500ms, 45}, {4s, 50}, {10s, 50}}));
    INFO(r.elapsed.count());
    CHECK(level_at(up, r.elapsed) == Approx(r.level));
}

TEST_CASE("level_at ramps down as well", "[load_plan]") {
    const plan_segment down{0, "stage", 200, 0, 10s, 0s, false};
    CHECK(level_at(down, 2500ms) == Approx(150));
    CHECK(down.ramped());
}

TEST_CASE("a constant segment keeps its level", "[load_plan]") {
    const plan_segment hold{0, "step", 8, 8, 5s, 1s, true};
    CHECK_FALSE(hold.ramped());
    CHECK(level_at(hold, 0s) == 8);
    CHECK(level_at(hold, 3s) == 8);
}

TEST_CASE("total_duration sums the segments", "[load_plan]") {
    const load_plan plan{{0, "ramp_up", 0, 10, 30s, 0s, false},
                         {1, "soak", 10, 10, 5min, 10s, true}};
    CHECK(total_duration(plan) == 330s);
    CHECK(total_duration(load_plan{}) == 0s);
}

TEST_CASE("a problem's text is its key then its message", "[load_plan]") {
    const faultline::ramps::shape_problem p{"stages.2.duration", "must be > 0"};
    CHECK(p.text() == "stages.2.duration must be > 0");
}
