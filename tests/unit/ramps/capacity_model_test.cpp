#include <catch2/catch.hpp>

#include <faultline/ramps/capacity_model.hpp>

#include "model_fixture.hpp"

using faultline::ramps::model_step;
using faultline::ramps::model_steps;
using faultline::ramps::step_numbers;
using faultline::ramps::test::make_step;

TEST_CASE("a step is clean when it passed and the generator kept up", "[capacity_model]") {
    struct row {
        bool passed;
        bool generator_bound;
        bool clean;
    };
    auto r = GENERATE(values<row>({
        {true, false, true},
        {false, false, false},
        {true, true, false},
        {false, true, false},
    }));
    INFO("passed " << r.passed << ", generator bound " << r.generator_bound);
    CHECK(make_step(8, 800, {}, r.passed, r.generator_bound).clean() == r.clean);
}

TEST_CASE("model_steps pairs each step with its verdict", "[capacity_model]") {
    std::vector<step_numbers> steps(3);
    for (std::size_t i = 0; i < steps.size(); ++i)
        steps[i].level = static_cast<double>(8 * (i + 1));
    const auto out = model_steps(steps, {{}, {faultline::ramps::trip{"p99", 90, 50, {}, 1.0}}, {}});
    REQUIRE(out.size() == 3);
    CHECK(out[0].passed);
    CHECK_FALSE(out[1].passed);
    CHECK(out[2].passed);
    CHECK(out[1].numbers.level == 16);
    // A verdict missing for the last step: that step is left out, not guessed.
    CHECK(model_steps(steps, {{}, {}}).size() == 2);
}
