#include <catch2/catch.hpp>

#include <faultline/ramps/generator_limit.hpp>

using namespace std::chrono_literals;
using namespace faultline::ramps;

TEST_CASE("what limited the generator in a step", "[generator_limit]") {
    struct row {
        const char* name;
        generator_numbers step;
        generator_limit expected;
    };
    auto r = GENERATE(values<row>({
        {"idle generator, healthy target",
         {0.3, true, 200us, 5ms, 0, false},
         generator_limit::none},
        {"busy worker threads", {0.97, false, 0ms, 5ms, 0, false}, generator_limit::cpu},
        {"busy threads come first", {0.97, true, 50ms, 60ms, 10, false}, generator_limit::cpu},
        {"the schedule slipped well beyond the latency's tenth",
         {0.6, true, 30ms, 40ms, 0, false},
         generator_limit::schedule},
        {"a 1.03 ms slip against a 40 ms latency is noise",
         {0.6, true, 1030us, 40ms, 0, false},
         generator_limit::none},
        {"a 1.03 ms slip against a 3 ms latency is not",
         {0.6, true, 1030us, 3ms, 0, false},
         generator_limit::schedule},
        {"the closed model has no schedule",
         {0.6, false, 30ms, 40ms, 0, false},
         generator_limit::none},
        {"dropped arrivals while the target kept its criteria",
         {0.4, true, 100us, 2ms, 25, false},
         generator_limit::connections},
        {"dropped arrivals because the target was slow",
         {0.4, true, 100us, 900ms, 25, true},
         generator_limit::none},
    }));
    INFO(r.name);
    CHECK(generator_limit_of(r.step) == r.expected);
    if (r.expected != generator_limit::none) {
        CHECK_FALSE(advice(r.expected).empty());
        CHECK_FALSE(to_string(r.expected).empty());
    }
}

TEST_CASE("the advice names the setting to change", "[generator_limit]") {
    CHECK_THAT(advice(generator_limit::cpu), Catch::Contains("[engine] threads"));
    CHECK_THAT(advice(generator_limit::schedule), Catch::Contains("[engine] threads"));
    CHECK_THAT(advice(generator_limit::connections), Catch::Contains("max_connections"));
    CHECK(advice(generator_limit::none).empty());
}
