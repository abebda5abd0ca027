#include <algorithm>

#include <catch2/catch.hpp>

#include <faultline/ramps/power_peak.hpp>

#include "model_fixture.hpp"

using namespace std::chrono_literals;
using faultline::nanoseconds;
using faultline::ramps::find_power_peak;
using faultline::ramps::model_step;
using faultline::ramps::power_of;
using faultline::ramps::test::make_step;

namespace {
// A closed-model server with `capacity` req/s and `service` time: below saturation each user
// waits only for service; above it, Little's law puts the extra users in the queue.
model_step closed_step(double users, double capacity, nanoseconds service) {
    const double throughput = std::min(users / faultline::to_seconds(service), capacity);
    const auto mean =
        std::chrono::duration_cast<nanoseconds>(std::chrono::duration<double>(users / throughput));
    return make_step(users, throughput, mean);
}
}  // namespace

TEST_CASE("power is throughput over mean latency", "[power_peak]") {
    CHECK(*power_of(make_step(10, 1000, 10ms).numbers) == Approx(100'000));
    CHECK(*power_of(make_step(10, 500, 250us).numbers) == Approx(2'000'000));
    CHECK_FALSE(power_of(make_step(10, 1000, 0ms).numbers));
}

TEST_CASE("power peaks where the closed-model server saturates", "[power_peak]") {
    struct row {
        double capacity;
        nanoseconds service;
        double saturation_users;  // capacity × service
    };
    auto r = GENERATE(values<row>({{1000, 10ms, 10}, {2000, 4ms, 8}, {500, 50ms, 25}}));
    std::vector<model_step> steps;
    for (double users = 1; users <= 40; ++users)
        steps.push_back(closed_step(users, r.capacity, r.service));
    const auto peak = find_power_peak(steps);
    REQUIRE(peak);
    CHECK(peak->level == Approx(r.saturation_users));
    CHECK(peak->step == static_cast<std::size_t>(r.saturation_users) - 1);
    CHECK(peak->power == Approx(r.capacity / faultline::to_seconds(r.service)));
}

TEST_CASE("power peak table: exclusions and ties", "[power_peak]") {
    struct row {
        const char* name;
        std::vector<model_step> steps;
        std::optional<std::size_t> peak;
    };
    auto r = GENERATE(values<row>({
        {"generator-bound steps are left out",
         {make_step(8, 800, 10ms), make_step(16, 1600, 1ms, false, true),
          make_step(24, 1800, 30ms)},
         0},
        {"steps without a mean are left out",
         {make_step(8, 800, 0ms), make_step(16, 1000, 20ms), make_step(24, 1100, 30ms)},
         1},
        {"the earliest of equal powers", {make_step(8, 800, 10ms), make_step(16, 1600, 20ms)}, 0},
        {"a failed step still counts",
         {make_step(8, 800, 10ms), make_step(16, 1600, 5ms, false)},
         1},
        {"nothing qualifies",
         {make_step(8, 800, 0ms), make_step(16, 900, 5ms, true, true)},
         std::nullopt},
        {"no steps", {}, std::nullopt},
    }));
    INFO(r.name);
    const auto peak = find_power_peak(r.steps);
    REQUIRE(peak.has_value() == r.peak.has_value());
    if (peak) {
        CHECK(peak->step == *r.peak);
        CHECK(peak->level == r.steps[*r.peak].numbers.level);
        CHECK(peak->power == Approx(*power_of(r.steps[*r.peak].numbers)));
    }
}
