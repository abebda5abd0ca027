#include <cmath>

#include <catch2/catch.hpp>

#include <faultline/faults/drift.hpp>

using namespace faultline::faults;

namespace {
// y = base + slope × t + a deterministic wobble of amplitude `noise`, one sample a second.
std::pair<std::vector<double>, std::vector<double>> line(std::size_t n, double base, double slope,
                                                         double noise) {
    std::vector<double> t;
    std::vector<double> y;
    for (std::size_t i = 0; i < n; ++i) {
        const double x = static_cast<double>(i);
        t.push_back(x);
        y.push_back(base + slope * x + noise * std::sin(x * 1.7));
    }
    return {t, y};
}
}  // namespace

TEST_CASE("the fitted slope and change of a line", "[drift]") {
    const auto [t, y] = line(31, 100, 2, 0);
    const auto d = fit_drift(t, y, drift_rule{});
    REQUIRE(d);
    CHECK(d->slope_per_s == Approx(2));
    CHECK(d->first == Approx(100));
    CHECK(d->last == Approx(160));
    CHECK(d->relative_change == Approx(0.6));
    CHECK(d->r2 == Approx(1));
    CHECK(std::isinf(d->t_stat));
    CHECK(d->significant);
}

TEST_CASE("what counts as a suspected leak or degradation", "[drift]") {
    struct row {
        const char* name;
        std::size_t n;
        double slope, noise;
        worse_when worse;
        bool significant;
    };
    auto r = GENERATE(values<row>({
        {"a steady leak: +30 % with little noise", 30, 1, 2, worse_when::rising, true},
        {"flat with noise", 30, 0, 5, worse_when::rising, false},
        {"a slope lost in the noise", 30, 0.05, 20, worse_when::rising, false},
        {"a clear but small rise: +3 %", 30, 0.1, 0.5, worse_when::rising, false},
        {"falling where rising is worse", 30, -1, 2, worse_when::rising, false},
        {"falling throughput where falling is worse", 30, -1, 2, worse_when::falling, true},
        {"too few samples", 8, 5, 0, worse_when::rising, false},
    }));
    INFO(r.name);
    const auto [t, y] = line(r.n, 100, r.slope, r.noise);
    drift_rule rule;
    rule.worse = r.worse;
    const auto d = fit_drift(t, y, rule);
    REQUIRE(d);
    CHECK(d->significant == r.significant);
}

TEST_CASE("a drift must also be large in absolute terms when asked", "[drift]") {
    const auto [t, y] = line(30, 14, 0.1, 0);  // 14 → 16.9: +21 %, but 3 more
    drift_rule rule;
    rule.min_absolute = 10;
    CHECK_FALSE(fit_drift(t, y, rule)->significant);
    rule.min_absolute = 2;
    CHECK(fit_drift(t, y, rule)->significant);
}

TEST_CASE("no line through too few or degenerate points", "[drift]") {
    CHECK_FALSE(fit_drift({1, 2}, {3, 4}, drift_rule{}));
    CHECK_FALSE(fit_drift({1, 1, 1}, {3, 4, 5}, drift_rule{}));
    CHECK_FALSE(fit_drift({1, 2, 3}, {3, 4}, drift_rule{}));
    const auto flat = fit_drift({0, 1, 2, 3}, {5, 5, 5, 5}, drift_rule{});
    REQUIRE(flat);
    CHECK(flat->slope_per_s == 0);
    CHECK(flat->t_stat == 0);
    CHECK_FALSE(flat->significant);
}
