#include <catch2/catch.hpp>

#include <faultline/ramps/stages_shape.hpp>

#include "shape_test_support.hpp"

using namespace std::chrono_literals;
using faultline::ramps::load_plan;
using faultline::ramps::stages_config;
using shape_test::plan_of;
using shape_test::texts;
constexpr auto ramp = faultline::ramps::stage_transition::ramp;
constexpr auto jump = faultline::ramps::stage_transition::jump;

TEST_CASE("stages: plans as a table", "[stages_shape]") {
    struct row {
        const char* name;
        stages_config config;
        load_plan expected;
    };
    auto r = GENERATE(values<row>({
        {"ramp up, hold, jump, ramp down",
         {0, {{50, 30s, ramp}, {50, 2min, ramp}, {200, 1min, jump}, {0, 30s, ramp}}, 10s},
         {{0, "stage", 0, 50, 30s, 0s, false},
          {1, "stage", 50, 50, 2min, 10s, true},
          {2, "stage", 200, 200, 1min, 10s, true},
          {3, "stage", 200, 0, 30s, 0s, false}}},
        {"a start level ramps from there",
         {10, {{20, 10s, ramp}, {5, 5s, ramp}}, 0s},
         {{0, "stage", 10, 20, 10s, 0s, false}, {1, "stage", 20, 5, 5s, 0s, false}}},
        {"a jump to the start level is a hold",
         {30, {{30, 20s, jump}, {60, 20s, jump}}, 5s},
         {{0, "stage", 30, 30, 20s, 5s, true}, {1, "stage", 60, 60, 20s, 5s, true}}},
        {"a ramp to the level it starts from is a hold",
         {30, {{30, 20s, ramp}}, 5s},
         {{0, "stage", 30, 30, 20s, 5s, true}}},
        {"holding 0 is not judged",
         {0, {{0, 10s, ramp}, {40, 10s, jump}, {0, 10s, jump}}, 2s},
         {{0, "stage", 0, 0, 10s, 0s, false},
          {1, "stage", 40, 40, 10s, 2s, true},
          {2, "stage", 0, 0, 10s, 0s, false}}},
        {"open-model rates keep fractions",
         {0.5, {{2.5, 4s, ramp}, {2.5, 6s, ramp}}, 1s},
         {{0, "stage", 0.5, 2.5, 4s, 0s, false}, {1, "stage", 2.5, 2.5, 6s, 1s, true}}},
    }));
    INFO(r.name);
    CHECK(plan_of(r.config) == r.expected);
}

TEST_CASE("stages: every validation problem at once", "[stages_shape]") {
    struct row {
        const char* name;
        stages_config config;
        std::vector<std::string> expected;
    };
    auto r = GENERATE(values<row>({
        {"no stages", {0, {}, 0s}, {"stages must not be empty"}},
        {"negative start", {-1, {{10, 5s, ramp}}, 0s}, {"start must be >= 0"}},
        {"negative target",
         {0, {{10, 5s, ramp}, {-5, 5s, ramp}}, 0s},
         {"stages.1.target must be >= 0"}},
        {"zero duration", {0, {{10, 0s, ramp}}, 0s}, {"stages.0.duration must be > 0"}},
        {"negative duration", {0, {{10, -1s, jump}}, 0s}, {"stages.0.duration must be > 0"}},
        {"negative warmup", {0, {{10, 5s, ramp}}, -1s}, {"warmup must be >= 0"}},
        {"warmup as long as a held stage",
         {0, {{10, 60s, ramp}, {10, 20s, ramp}, {30, 40s, jump}}, 20s},
         {"warmup must be shorter than stages.1.duration"}},
        {"warmup longer than two held stages",
         {0, {{10, 5s, jump}, {20, 8s, jump}}, 10s},
         {"warmup must be shorter than stages.0.duration",
          "warmup must be shorter than stages.1.duration"}},
        {"all at once",
         {-1, {{-2, 0s, ramp}, {3, -1s, jump}}, -1s},
         {"start must be >= 0", "warmup must be >= 0", "stages.0.target must be >= 0",
          "stages.0.duration must be > 0", "stages.1.duration must be > 0"}},
    }));
    INFO(r.name);
    CHECK(texts(validate(r.config)) == r.expected);
    auto planned = plan(r.config);
    REQUIRE_FALSE(planned.has_value());
    CHECK(planned.error() == validate(r.config));
}

TEST_CASE("stages: a warm-up longer than a ramp stage is fine", "[stages_shape]") {
    // Ramps are not judged, so the warm-up does not apply to them.
    const stages_config config{0, {{10, 5s, ramp}, {10, 30s, ramp}}, 10s};
    CHECK(validate(config).empty());
}

TEST_CASE("stages: at most 10000 stages", "[stages_shape]") {
    stages_config config;
    config.stages.assign(10'000, {5, 1s, ramp});
    CHECK(validate(config).empty());
    config.stages.push_back({5, 1s, ramp});
    CHECK(texts(validate(config)) ==
          std::vector<std::string>{"stages must have at most 10000 entries"});
}
