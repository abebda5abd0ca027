#include <catch2/catch.hpp>

#include <faultline/ramps/step_plan.hpp>

using namespace std::chrono_literals;
using faultline::ramps::plan_steps;
using faultline::ramps::step_config;

namespace {
std::vector<double> levels(const step_config& config) {
    std::vector<double> out;
    for (const auto& s : plan_steps(config))
        out.push_back(s.level);
    return out;
}
}  // namespace

TEST_CASE("the step plan as a table", "[step_plan]") {
    struct row {
        const char* name;
        step_config config;
        std::vector<double> expected;
    };
    auto r = GENERATE(values<row>({
        {"additive, max on the grid", {8, 8, 0, 32, 5s, 1s, true}, {8, 16, 24, 32}},
        {"additive, max off the grid ends at max", {8, 8, 0, 30, 5s, 1s, true}, {8, 16, 24, 30}},
        {"single step when start == max", {10, 5, 0, 10, 5s, 1s, true}, {10}},
        {"factor 2", {1, 0, 2, 16, 5s, 1s, true}, {1, 2, 4, 8, 16}},
        {"factor 1.5 rounds to whole users", {2, 0, 1.5, 10, 5s, 1s, true}, {2, 3, 5, 7, 10}},
        {"small factor still grows by one user", {1, 0, 1.1, 4, 5s, 1s, true}, {1, 2, 3, 4}},
        {"open model keeps fractions", {100, 0, 1.5, 300, 5s, 1s, false}, {100, 150, 225, 300}},
        {"open additive rates", {500, 500, 0, 2000, 5s, 1s, false}, {500, 1000, 1500, 2000}},
        {"neither step nor factor: empty", {1, 0, 0, 10, 5s, 1s, true}, {}},
    }));
    INFO(r.name);
    CHECK(levels(r.config) == r.expected);
}

TEST_CASE("each planned step carries its index, duration and warm-up", "[step_plan]") {
    auto steps = plan_steps({4, 4, 0, 12, 3s, 500ms, true});
    REQUIRE(steps.size() == 3);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        CHECK(steps[i].index == i);
        CHECK(steps[i].duration == 3s);
        CHECK(steps[i].warmup == 500ms);
    }
}

TEST_CASE("the plan is bounded", "[step_plan]") {
    auto steps = plan_steps({1, 1, 0, 1e9, 1s, 0s, true});
    CHECK(steps.size() == 10'000);
}
