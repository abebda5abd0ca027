#include <catch2/catch.hpp>

#include <faultline/ramps/spike_shape.hpp>

#include "shape_test_support.hpp"

using namespace std::chrono_literals;
using faultline::ramps::load_plan;
using faultline::ramps::spike_config;
using shape_test::plan_of;
using shape_test::texts;

TEST_CASE("spike: plans as a table", "[spike_shape]") {
    struct row {
        const char* name;
        spike_config config;
        load_plan expected;
    };
    auto r = GENERATE(values<row>({
        {"virtual users",
         {50, 1min, 500, 30s, 2min, 10s},
         {{0, "baseline", 50, 50, 1min, 10s, true},
          {1, "spike", 500, 500, 30s, 0s, false},
          {2, "after_spike", 50, 50, 2min, 0s, false}}},
        {"arrival rates without warm-up",
         {12.5, 20s, 100.25, 5s, 40s, 0s},
         {{0, "baseline", 12.5, 12.5, 20s, 0s, true},
          {1, "spike", 100.25, 100.25, 5s, 0s, false},
          {2, "after_spike", 12.5, 12.5, 40s, 0s, false}}},
    }));
    INFO(r.name);
    CHECK(plan_of(r.config) == r.expected);
}

TEST_CASE("spike: every validation problem at once", "[spike_shape]") {
    struct row {
        const char* name;
        spike_config config;
        std::vector<std::string> expected;
    };
    auto r = GENERATE(values<row>({
        {"baseline 0", {0, 1min, 500, 30s, 2min, 0s}, {"baseline must be > 0"}},
        {"no baseline_duration", {50, 0s, 500, 30s, 2min, 0s}, {"baseline_duration must be > 0"}},
        {"spike equal to baseline", {50, 1min, 50, 30s, 2min, 0s}, {"spike must be > baseline"}},
        {"spike below baseline", {50, 1min, 10, 30s, 2min, 0s}, {"spike must be > baseline"}},
        {"no spike_duration", {50, 1min, 500, 0s, 2min, 0s}, {"spike_duration must be > 0"}},
        {"no recovery_duration", {50, 1min, 500, 30s, -1s, 0s}, {"recovery_duration must be > 0"}},
        {"warmup as long as the baseline",
         {50, 1min, 500, 30s, 2min, 1min},
         {"warmup must be shorter than baseline_duration"}},
        {"negative warmup", {50, 1min, 500, 30s, 2min, -1s}, {"warmup must be >= 0"}},
        {"all at once",
         {-1, 0s, -2, 0s, 0s, -1s},
         {"baseline must be > 0", "baseline_duration must be > 0", "spike must be > baseline",
          "spike_duration must be > 0", "recovery_duration must be > 0", "warmup must be >= 0"}},
    }));
    INFO(r.name);
    CHECK(texts(validate(r.config)) == r.expected);
    auto planned = plan(r.config);
    REQUIRE_FALSE(planned.has_value());
    CHECK(planned.error() == validate(r.config));
}
