#include <catch2/catch.hpp>

#include <faultline/ramps/knee.hpp>
#include <faultline/ramps/step_judge.hpp>

#include "model_fixture.hpp"

using faultline::ramps::bends;
using faultline::ramps::criteria;
using faultline::ramps::find_knee;
using faultline::ramps::growth_over;
using faultline::ramps::knee_trip;
using faultline::ramps::model_step;
using faultline::ramps::test::make_step;

TEST_CASE("the knee rule on one pair of steps", "[knee]") {
    struct row {
        const char* name;
        double level_before, throughput_before, level, throughput;
        bool bent;
    };
    auto r = GENERATE(values<row>({
        {"+10 % load, +4.975 % throughput", 10, 4000, 11, 4199, true},
        {"+10 % load, exactly +5 % throughput", 10, 4000, 11, 4200, false},
        {"+20 % load, +2.5 % throughput", 10, 4000, 12, 4100, true},
        {"+20 % load, throughput fell", 10, 4000, 12, 3000, true},
        {"+9 % load is within noise", 100, 4000, 109, 4000, false},
        {"+100 % load, +100 % throughput", 8, 800, 16, 1600, false},
    }));
    INFO(r.name);
    const auto before = make_step(r.level_before, r.throughput_before).numbers;
    const auto after = make_step(r.level, r.throughput).numbers;
    const auto growth = growth_over(before, after);
    REQUIRE(growth);
    CHECK(growth->load == Approx(r.level / r.level_before - 1));
    CHECK(growth->throughput == Approx(r.throughput / r.throughput_before - 1));
    CHECK(bends(*growth, 0.05) == r.bent);
    // The step judge applies the same rule.
    criteria c;
    c.knee = 0.05;
    const auto trip = knee_trip(after, c, &before);
    REQUIRE(trip.has_value() == r.bent);
    if (trip) {
        CHECK(trip->criterion == "knee");
        CHECK(trip->value == Approx(growth->throughput));
        CHECK(trip->limit == 0.05);
    }
}

TEST_CASE("no growth is measured from a step without level or throughput", "[knee]") {
    CHECK_FALSE(growth_over(make_step(8, 0).numbers, make_step(16, 800).numbers));
    CHECK_FALSE(growth_over(make_step(0, 800).numbers, make_step(16, 800).numbers));
}

TEST_CASE("the knee of a ramp as a table", "[knee]") {
    struct row {
        const char* name;
        std::vector<model_step> steps;
        std::optional<std::size_t> knee;
    };
    auto r = GENERATE(values<row>({
        {"straight then flat",
         {make_step(8, 800), make_step(16, 1600), make_step(24, 2400), make_step(32, 2450),
          make_step(40, 2460)},
         2},
        {"straight all the way",
         {make_step(8, 800), make_step(16, 1600), make_step(24, 2400), make_step(32, 3200)},
         std::nullopt},
        {"a generator-bound plateau is not the target's knee",
         {make_step(8, 800), make_step(16, 1600), make_step(24, 1610, {}, false, true),
          make_step(32, 1615, {}, false, true)},
         std::nullopt},
        {"small load steps are skipped, not accumulated",
         {make_step(100, 1000), make_step(105, 1001), make_step(110, 1002), make_step(130, 1300),
          make_step(150, 1320)},
         3},
        {"the failing step still bends the curve",
         {make_step(10, 1000), make_step(20, 2000), make_step(30, 1500, {}, false)},
         1},
        {"one step has no knee", {make_step(10, 1000)}, std::nullopt},
    }));
    INFO(r.name);
    const auto knee = find_knee(r.steps, 0.05);
    REQUIRE(knee.has_value() == r.knee.has_value());
    if (!knee)
        return;
    CHECK(knee->step == *r.knee);
    const auto& before = r.steps[*r.knee].numbers;
    const auto& after = r.steps[*r.knee + 1].numbers;
    CHECK(knee->level == before.level);
    CHECK(knee->throughput_rps == before.throughput_rps);
    CHECK(knee->growth.load == Approx(after.level / before.level - 1));
    CHECK(knee->growth.throughput == Approx(after.throughput_rps / before.throughput_rps - 1));
}

TEST_CASE("the knee is the step before the first one the judge trips on knee", "[knee]") {
    criteria c;
    c.knee = 0.05;
    std::vector<model_step> steps;
    for (double n = 4; n <= 64; n += 4)
        steps.push_back(make_step(n, 1000 * n / (1 + 0.02 * (n - 1) + 0.0015 * n * (n - 1))));
    std::optional<std::size_t> first_tripped;
    for (std::size_t i = 1; i < steps.size() && !first_tripped; ++i) {
        if (knee_trip(steps[i].numbers, c, &steps[i - 1].numbers))
            first_tripped = i;
    }
    const auto knee = find_knee(steps, 0.05);
    REQUIRE(first_tripped);
    REQUIRE(knee);
    CHECK(knee->step + 1 == *first_tripped);
}
