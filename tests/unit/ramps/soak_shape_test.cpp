#include <catch2/catch.hpp>

#include <faultline/ramps/soak_shape.hpp>

#include "shape_test_support.hpp"

using namespace std::chrono_literals;
using faultline::ramps::load_plan;
using faultline::ramps::soak_config;
using shape_test::plan_of;
using shape_test::texts;

TEST_CASE("soak: plans as a table", "[soak_shape]") {
    struct row {
        const char* name;
        soak_config config;
        load_plan expected;
    };
    auto r = GENERATE(values<row>({
        {"after a ramp-up",
         {100, 1h, 2min, 1min},
         {{0, "ramp_up", 0, 100, 2min, 0s, false}, {1, "soak", 100, 100, 1h, 1min, true}}},
        {"at once", {40, 30min, 0s, 0s}, {{0, "soak", 40, 40, 30min, 0s, true}}},
        {"an arrival rate",
         {250.5, 10min, 30s, 5s},
         {{0, "ramp_up", 0, 250.5, 30s, 0s, false}, {1, "soak", 250.5, 250.5, 10min, 5s, true}}},
    }));
    INFO(r.name);
    CHECK(plan_of(r.config) == r.expected);
}

TEST_CASE("soak: every validation problem at once", "[soak_shape]") {
    struct row {
        const char* name;
        soak_config config;
        std::vector<std::string> expected;
    };
    auto r = GENERATE(values<row>({
        {"level 0", {0, 1h, 0s, 0s}, {"level must be > 0"}},
        {"no duration", {100, 0s, 0s, 0s}, {"duration must be > 0"}},
        {"negative ramp_up", {100, 1h, -1s, 0s}, {"ramp_up must be >= 0"}},
        {"warmup as long as the soak", {100, 1h, 0s, 1h}, {"warmup must be shorter than duration"}},
        {"negative warmup", {100, 1h, 0s, -1s}, {"warmup must be >= 0"}},
        {"all at once",
         {-5, -1s, -1s, -1s},
         {"level must be > 0", "duration must be > 0", "ramp_up must be >= 0",
          "warmup must be >= 0"}},
    }));
    INFO(r.name);
    CHECK(texts(validate(r.config)) == r.expected);
    auto planned = plan(r.config);
    REQUIRE_FALSE(planned.has_value());
    CHECK(planned.error() == validate(r.config));
}
