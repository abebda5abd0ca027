#include <catch2/catch.hpp>

#include <faultline/ramps/refinement.hpp>

using faultline::ramps::refinement;
using faultline::ramps::refinement_config;

namespace {
// Runs a refinement against a target that passes every level below `capacity`.
refinement search(double pass, double fail, double capacity, refinement_config config) {
    refinement r(pass, fail, config);
    while (auto level = r.next())
        r.record(*level < capacity);
    return r;
}
}  // namespace

TEST_CASE("bisection closes in on the capacity within the tolerance", "[ramps][refinement]") {
    struct row {
        double pass, fail, capacity, tolerance;
        bool integer;
    };
    auto r = GENERATE(row{10, 20, 13.7, 0.05, true}, row{100, 200, 161, 0.05, true},
                      row{400, 800, 517.3, 0.02, false}, row{1, 2, 1.5, 0.05, true},
                      row{1000, 2000, 1999, 0.01, false});
    refinement_config config;
    config.tolerance = r.tolerance;
    config.integer_levels = r.integer;
    auto done = search(r.pass, r.fail, r.capacity, config);
    INFO("pass " << done.pass_level() << " fail " << done.fail_level());
    CHECK(done.converged());
    CHECK(done.pass_level() < r.capacity);
    CHECK(done.fail_level() >= r.capacity);
    if (r.integer)
        CHECK((done.fail_level() - done.pass_level() <= 1 ||
               (done.fail_level() - done.pass_level()) / done.pass_level() <= r.tolerance));
    else
        CHECK((done.fail_level() - done.pass_level()) / done.pass_level() <= r.tolerance);
    CHECK(done.probes() <= 12);
}

TEST_CASE("an interval already narrow enough probes nothing", "[ramps][refinement]") {
    refinement r(100, 104, refinement_config{});
    CHECK_FALSE(r.next());
    CHECK(r.converged());
    refinement adjacent(7, 8, refinement_config{});
    CHECK_FALSE(adjacent.next());
}

TEST_CASE("repeats decide each level by majority", "[ramps][refinement]") {
    refinement_config config;
    config.repeats = 3;
    refinement r(10, 20, config);
    REQUIRE(r.next() == 15);
    r.record(true);
    r.record(false);
    CHECK(r.next() == 15);  // 1 to 1: undecided, probe again
    r.record(false);        // 2 of 3 failed
    CHECK(r.fail_level() == 15);
    CHECK(r.pass_level() == 10);
    CHECK(r.next() == 12);
    r.record(true);
    r.record(true);  // a majority after two: decided early
    CHECK(r.pass_level() == 12);
    CHECK(r.probes() == 5);
}

TEST_CASE("an even repeat count becomes odd; max_probes bounds the search", "[ramps][refinement]") {
    refinement_config config;
    config.repeats = 2;
    config.tolerance = 1e-9;
    config.integer_levels = false;
    config.max_probes = 5;
    refinement r(1, 2, config);
    unsigned n = 0;
    while (auto level = r.next()) {
        r.record(true);
        ++n;
    }
    CHECK(n == 5);
    CHECK_FALSE(r.converged());
    CHECK(r.pass_level() > 1.5);  // 3 repeats: 2 votes decide each level
}
