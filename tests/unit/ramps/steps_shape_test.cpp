#include <catch2/catch.hpp>

#include <faultline/ramps/steps_shape.hpp>

#include "shape_test_support.hpp"

using namespace std::chrono_literals;
using faultline::nanoseconds;
using faultline::ramps::load_plan;
using faultline::ramps::steps_config;
using shape_test::plan_of;
using shape_test::texts;

namespace {
// The expected plan: one judged constant "step" segment per level.
load_plan steps(const std::vector<double>& levels, nanoseconds duration, nanoseconds warmup) {
    load_plan out;
    for (std::size_t i = 0; i < levels.size(); ++i)
        out.push_back({i, "step", levels[i], levels[i], duration, warmup, true});
    return out;
}
}  // namespace

TEST_CASE("steps: plans as a table", "[steps_shape]") {
    struct row {
        const char* name;
        steps_config config;
        load_plan expected;
    };
    auto r = GENERATE(values<row>({
        {"additive, max on the grid", {8, 8, 0, 32, 5s, 1s, true}, steps({8, 16, 24, 32}, 5s, 1s)},
        {"additive, max off the grid ends at max",
         {8, 8, 0, 30, 5s, 1s, true},
         steps({8, 16, 24, 30}, 5s, 1s)},
        {"start == max is one step", {10, 5, 0, 10, 2s, 0s, true}, steps({10}, 2s, 0s)},
        {"factor 2", {1, 0, 2, 16, 3s, 500ms, true}, steps({1, 2, 4, 8, 16}, 3s, 500ms)},
        {"factor 1.5 rounds to whole users",
         {2, 0, 1.5, 10, 5s, 1s, true},
         steps({2, 3, 5, 7, 10}, 5s, 1s)},
        {"open model keeps fractions",
         {100, 0, 1.5, 300, 10s, 2s, false},
         steps({100, 150, 225, 300}, 10s, 2s)},
        {"exactly 10000 steps is allowed",
         {1, 1, 0, 10'000, 1s, 0s, true},
         [] {
             std::vector<double> levels;
             for (int i = 1; i <= 10'000; ++i)
                 levels.push_back(i);
             return steps(levels, 1s, 0s);
         }()},
    }));
    INFO(r.name);
    CHECK(plan_of(r.config) == r.expected);
}

TEST_CASE("steps: every validation problem at once", "[steps_shape]") {
    struct row {
        const char* name;
        steps_config config;
        std::vector<std::string> expected;
    };
    auto r = GENERATE(values<row>({
        {"start 0", {0, 8, 0, 32, 5s, 1s, true}, {"start must be > 0"}},
        {"negative start", {-1, 8, 0, 32, 5s, 1s, false}, {"start must be > 0"}},
        {"neither step nor factor", {8, 0, 0, 32, 5s, 1s, true}, {"step or factor must be set"}},
        {"both step and factor",
         {8, 8, 2, 32, 5s, 1s, true},
         {"factor must not be set together with step"}},
        {"negative step", {8, -8, 0, 32, 5s, 1s, true}, {"step must be > 0"}},
        {"factor 1", {8, 0, 1, 32, 5s, 1s, true}, {"factor must be > 1"}},
        {"factor below 1", {8, 0, 0.5, 32, 5s, 1s, true}, {"factor must be > 1"}},
        {"max below start", {8, 8, 0, 4, 5s, 1s, true}, {"max must be >= start"}},
        {"no step_duration", {8, 8, 0, 32, 0s, 0s, true}, {"step_duration must be > 0"}},
        {"warmup as long as the step",
         {8, 8, 0, 32, 5s, 5s, true},
         {"warmup must be shorter than step_duration"}},
        {"negative warmup", {8, 8, 0, 32, 5s, -1s, true}, {"warmup must be >= 0"}},
        {"more than 10000 steps",
         {1, 1, 0, 10'001, 1s, 0s, true},
         {"max is more than 10000 steps above start"}},
        {"all at once",
         {0, -1, 0, -1, 0s, -1s, true},
         {"start must be > 0", "step must be > 0", "max must be >= start",
          "step_duration must be > 0", "warmup must be >= 0"}},
    }));
    INFO(r.name);
    CHECK(texts(validate(r.config)) == r.expected);
    auto planned = plan(r.config);
    REQUIRE_FALSE(planned.has_value());
    CHECK(planned.error() == validate(r.config));
}

TEST_CASE("steps: problems carry the key apart from the message", "[steps_shape]") {
    const auto problems = validate(steps_config{8, 8, 0, 4, 5s, 1s, true});
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].key == "max");
    CHECK(problems[0].message == "must be >= start");
}

TEST_CASE("steps: to_load_plan keeps every field of plan_steps", "[steps_shape]") {
    const steps_config config{4, 4, 0, 12, 3s, 500ms, true};
    const auto legacy = faultline::ramps::plan_steps(config);
    const auto converted = faultline::ramps::to_load_plan(legacy);
    REQUIRE(converted.size() == legacy.size());
    for (std::size_t i = 0; i < legacy.size(); ++i) {
        CHECK(converted[i].index == legacy[i].index);
        CHECK(converted[i].start_level == legacy[i].level);
        CHECK(converted[i].end_level == legacy[i].level);
        CHECK(converted[i].duration == legacy[i].duration);
        CHECK(converted[i].warmup == legacy[i].warmup);
    }
    CHECK(converted == plan_of(config));
}
