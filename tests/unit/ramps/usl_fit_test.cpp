#include <cmath>
#include <random>

#include <catch2/catch.hpp>

#include <faultline/ramps/usl_fit.hpp>
#include <faultline/test/support.hpp>

#include "model_fixture.hpp"

using faultline::ramps::fit_usl;
using faultline::ramps::model_step;
using faultline::ramps::test::make_step;

namespace {
struct usl_params {
    double lambda;
    double sigma;
    double kappa;
};

double usl(const usl_params& p, double n) {
    return p.lambda * n / (1 + p.sigma * (n - 1) + p.kappa * n * (n - 1));
}

// Steps at `levels` with the throughput of `p`, each multiplied by (1 + u), u uniform in
// [-noise, noise] drawn from `rng` (mt19937's raw output is the same on every platform).
std::vector<model_step> usl_steps(const usl_params& p, const std::vector<double>& levels,
                                  double noise = 0, std::mt19937* rng = nullptr) {
    std::vector<model_step> steps;
    for (double n : levels) {
        double factor = 1;
        if (rng != nullptr)
            factor += noise * (2 * static_cast<double>((*rng)()) / 4294967295.0 - 1);
        steps.push_back(make_step(n, usl(p, n) * factor));
    }
    return steps;
}

const std::vector<double> doubling{1, 2, 4, 8, 16, 32, 64, 128};
const std::vector<double> by_eight{1, 8, 16, 24, 32, 40, 48, 56, 64};
const std::vector<double> by_sixteen{1, 16, 32, 48, 64, 80, 96, 112, 128};
const std::vector<double> few_small{1, 2, 3, 4, 5, 6};
}  // namespace

TEST_CASE("the USL fit recovers known parameters from exact data", "[usl_fit]") {
    struct row {
        usl_params p;
        std::vector<double> levels;
    };
    auto r = GENERATE(values<row>({
        {{1000, 0.05, 0.0002}, doubling},
        {{1000, 0.05, 0.0002}, by_eight},
        {{250, 0.2, 0.001}, by_eight},
        {{5000, 0.01, 0.00001}, doubling},
        {{800, 0, 0.0005}, by_eight},
        {{120, 0.3, 0.02}, few_small},
        {{300, 0.1, 0}, doubling},
    }));
    INFO("lambda " << r.p.lambda << " sigma " << r.p.sigma << " kappa " << r.p.kappa);
    const auto fit = fit_usl(usl_steps(r.p, r.levels));
    REQUIRE(fit);
    CHECK(fit->lambda == Approx(r.p.lambda).epsilon(1e-6));
    CHECK(fit->sigma == Approx(r.p.sigma).margin(1e-7));
    CHECK(fit->kappa == Approx(r.p.kappa).epsilon(1e-5).margin(1e-10));
    CHECK(fit->r_squared > 0.999999);
    CHECK(fit->steps == r.levels.size());
    if (r.p.kappa > 0) {
        const double peak = std::sqrt((1 - r.p.sigma) / r.p.kappa);
        REQUIRE(fit->peak_level);
        CHECK(*fit->peak_level == Approx(peak).epsilon(1e-5));
        CHECK(*fit->peak_throughput_rps == Approx(usl(r.p, peak)).epsilon(1e-6));
    } else {
        CHECK_FALSE(fit->peak_level);
        CHECK_FALSE(fit->peak_throughput_rps);
    }
}

TEST_CASE("the USL fit recovers known parameters from noisy data", "[usl_fit]") {
    const auto seed = faultline::test::test_seed();
    INFO("seed " << seed);
    std::mt19937 rng(static_cast<std::mt19937::result_type>(seed));
    struct row {
        usl_params p;
        std::vector<double> levels;
    };
    // Each ramp runs past the true peak (69, 28 and 44 users): κ is only pinned down by data
    // that bends. Tolerances are twice the worst error seen over seeds 1..1000.
    auto r = GENERATE(values<row>({
        {{1000, 0.05, 0.0002}, by_sixteen},
        {{250, 0.2, 0.001}, by_eight},
        {{800, 0.02, 0.0005}, doubling},
    }));
    INFO("lambda " << r.p.lambda << " sigma " << r.p.sigma << " kappa " << r.p.kappa);
    // ±1 % throughput noise, as a steady step of a few seconds shows.
    const auto fit = fit_usl(usl_steps(r.p, r.levels, 0.01, &rng));
    REQUIRE(fit);
    CHECK(fit->lambda == Approx(r.p.lambda).epsilon(0.10));
    CHECK(fit->sigma == Approx(r.p.sigma).margin(0.02));
    CHECK(fit->kappa == Approx(r.p.kappa).epsilon(0.20));
    CHECK(fit->r_squared > 0.99);
    const double peak = std::sqrt((1 - r.p.sigma) / r.p.kappa);
    REQUIRE(fit->peak_level);
    CHECK(*fit->peak_level == Approx(peak).epsilon(0.10));
    CHECK(*fit->peak_throughput_rps == Approx(usl(r.p, peak)).epsilon(0.03));
}

TEST_CASE("a perfectly linear series has no contention, no coherency and no peak", "[usl_fit]") {
    auto slope = GENERATE(1.0, 250.0, 12'000.0);
    INFO("slope " << slope);
    std::vector<model_step> steps;
    for (double n : by_eight)
        steps.push_back(make_step(n, slope * n));
    const auto fit = fit_usl(steps);
    REQUIRE(fit);
    CHECK(fit->lambda == Approx(slope).epsilon(1e-9));
    CHECK(fit->sigma == Approx(0).margin(1e-9));
    CHECK(fit->kappa == Approx(0).margin(1e-12));
    CHECK_FALSE(fit->peak_level);
    CHECK(fit->r_squared == Approx(1).margin(1e-9));
}

TEST_CASE("flat throughput is full contention: the peak is one user", "[usl_fit]") {
    std::vector<model_step> steps;
    for (double n : doubling)
        steps.push_back(make_step(n, 500));
    const auto fit = fit_usl(steps);
    REQUIRE(fit);
    CHECK(fit->lambda == Approx(500).epsilon(1e-6));
    CHECK(fit->sigma == Approx(1).margin(1e-6));
    REQUIRE(fit->peak_level);
    CHECK(*fit->peak_level == 1);
    CHECK(*fit->peak_throughput_rps == Approx(500).epsilon(1e-6));
}

TEST_CASE("the USL fit uses only clean steps", "[usl_fit]") {
    const usl_params p{1000, 0.05, 0.0002};
    auto steps = usl_steps(p, by_eight);
    // A failed step and a generator-bound one, with throughput the model cannot explain.
    steps.insert(steps.begin() + 3, make_step(20, 100, {}, false));
    steps.push_back(make_step(72, 20'000, {}, true, true));
    const auto fit = fit_usl(steps);
    REQUIRE(fit);
    CHECK(fit->steps == by_eight.size());
    CHECK(fit->sigma == Approx(p.sigma).margin(1e-7));
    CHECK(fit->kappa == Approx(p.kappa).epsilon(1e-5));
}

TEST_CASE("the USL fit refuses too few clean steps or levels", "[usl_fit]") {
    struct row {
        const char* name;
        std::vector<model_step> steps;
        const char* reason;
    };
    auto r = GENERATE(values<row>({
        {"no steps", {}, "at least 4 clean steps; the ramp has 0"},
        {"three steps",
         {make_step(1, 100), make_step(2, 190), make_step(4, 350)},
         "at least 4 clean steps; the ramp has 3"},
        {"five steps, two not clean",
         {make_step(1, 100), make_step(2, 190), make_step(4, 350), make_step(8, 500, {}, false),
          make_step(16, 600, {}, true, true)},
         "at least 4 clean steps; the ramp has 3"},
        {"four steps at two levels",
         {make_step(1, 100), make_step(1, 101), make_step(2, 190), make_step(2, 191)},
         "3 distinct levels; found 2"},
    }));
    INFO(r.name);
    const auto fit = fit_usl(r.steps);
    REQUIRE_FALSE(fit);
    CHECK_THAT(fit.error(), Catch::Matchers::Contains(r.reason));
}
