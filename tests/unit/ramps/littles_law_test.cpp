#include <catch2/catch.hpp>

#include <faultline/ramps/littles_law.hpp>

#include "model_fixture.hpp"

using namespace std::chrono_literals;
using faultline::nanoseconds;
using faultline::ramps::check_littles_law;
using faultline::ramps::test::make_step;

TEST_CASE("Little's law check as a table", "[littles_law]") {
    struct row {
        const char* name;
        double users;
        double throughput;  // successful req/s
        double achieved;    // completed req/s
        nanoseconds mean;
        nanoseconds think;
        double tolerance;
        double ratio;
        bool queued;
    };
    auto r = GENERATE(values<row>({
        {"all time measured", 10, 1000, 1000, 10ms, 0ms, 0.10, 1.0, false},
        {"half the time unmeasured", 10, 500, 500, 10ms, 0ms, 0.10, 2.0, true},
        {"within the tolerance", 10.5, 1000, 1000, 10ms, 0ms, 0.10, 1.05, false},
        {"just over the tolerance", 11.5, 1000, 1000, 10ms, 0ms, 0.10, 1.15, true},
        {"think time is accounted", 10, 1000, 1000, 5ms, 5ms, 0.10, 1.0, false},
        {"errors occupy users too", 10, 500, 1000, 10ms, 0ms, 0.10, 1.0, false},
        {"throughput when achieved is unknown", 10, 1000, 0, 10ms, 0ms, 0.10, 1.0, false},
        {"a wider tolerance", 14, 1000, 1000, 10ms, 0ms, 0.50, 1.4, false},
        {"fewer users than accounted is not queueing", 5, 1000, 1000, 10ms, 0ms, 0.10, 0.5, false},
    }));
    INFO(r.name);
    auto step = make_step(r.users, r.throughput, r.mean).numbers;
    step.achieved_rps = r.achieved;
    const auto check = check_littles_law(step, r.think, r.tolerance);
    REQUIRE(check);
    CHECK(check->ratio == Approx(r.ratio));
    CHECK(check->accounted_users == Approx(r.users / r.ratio));
    CHECK(check->queued_in_generator == r.queued);
}

TEST_CASE("the default tolerance is 10 %", "[littles_law]") {
    CHECK_FALSE(check_littles_law(make_step(10.9, 1000, 10ms).numbers)->queued_in_generator);
    CHECK(check_littles_law(make_step(11.2, 1000, 10ms).numbers)->queued_in_generator);
}

TEST_CASE("a step without users, completions or latency cannot be checked", "[littles_law]") {
    CHECK_FALSE(check_littles_law(make_step(0, 1000, 10ms).numbers));
    CHECK_FALSE(check_littles_law(make_step(10, 0, 10ms).numbers));
    CHECK_FALSE(check_littles_law(make_step(10, 1000, 0ms).numbers));
}
