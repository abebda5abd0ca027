// What a run's steps add up to: the breaking point and capacity, min_capacity, the accounting
// check, and the verdict of the spike's recovery.
#include <catch2/catch.hpp>

#include <faultline/analysis/run_analysis.hpp>

using namespace std::chrono_literals;
namespace analysis = faultline::analysis;
namespace report = faultline::report;
namespace scenario = faultline::scenario;
using faultline::stats::outcome;
using faultline::stats::to_index;

namespace {

// A judged step at `level` whose throughput grows with it until it fails.
report::step_record step(std::size_t index, double level, double throughput, bool failed) {
    report::step_record s;
    s.index = index;
    s.level = level;
    s.judged_s = 4;
    s.offered_rps = throughput;
    s.throughput_rps = throughput;
    s.achieved_rps = throughput;
    s.error_rate = failed ? 0.2 : 0.0;
    s.latency.p99 = 5ms;
    s.latency.mean = 2ms;
    s.counts.sent = static_cast<std::uint64_t>(throughput * 4);
    s.counts.outcomes[to_index(outcome::ok)] = s.counts.sent;
    s.passed = !failed;
    if (failed)
        s.tripped.push_back({"error_rate", 0.2, 0.01, faultline::ramps::trip_unit::fraction, 4.0});
    return s;
}

// 100 requests, all accounted for.
report::counters balanced_totals() {
    report::counters c;
    c.sent = 100;
    c.outcomes[to_index(outcome::ok)] = 97;
    c.outcomes[to_index(outcome::http_5xx)] = 2;
    c.outcomes[to_index(outcome::cancelled)] = 1;
    return c;
}

report::run_result ramp_result() {
    report::run_result r;
    r.steps = {step(0, 8, 800, false), step(1, 16, 1500, false), step(2, 24, 1600, true)};
    r.totals = balanced_totals();
    return r;
}

}  // namespace

TEST_CASE("the first failing step is the breaking point; the one before it the capacity",
          "[analysis][run]") {
    scenario::scenario sc;
    auto r = ramp_result();
    analysis::analyse_run(sc, r);
    CHECK(r.breaking_point.found);
    CHECK(r.breaking_point.level == 24);
    CHECK(r.breaking_point.criterion == "error_rate");
    REQUIRE(r.breaking_point.capacity);
    CHECK(r.breaking_point.capacity->level == 16);
    CHECK(r.breaking_point.capacity->throughput_rps == 1500);
    // Finding a breaking point is not a failure.
    CHECK(r.verdict == report::verdict_kind::pass);
    CHECK(r.reasons.empty());
}

TEST_CASE("min_capacity fails a run whose capacity is below it", "[analysis][run]") {
    scenario::scenario sc;
    SECTION("below") {
        sc.breaking_point.min_capacity = 2000;
        auto r = ramp_result();
        analysis::analyse_run(sc, r);
        CHECK(r.verdict == report::verdict_kind::fail);
        REQUIRE(r.min_capacity);
        CHECK_FALSE(r.min_capacity->passed);
        CHECK(r.min_capacity->measured_rps == 1500);
        CHECK_THAT(r.reasons.at(0), Catch::Contains("below min_capacity 2000/s"));
    }
    SECTION("reached") {
        sc.breaking_point.min_capacity = 1000;
        auto r = ramp_result();
        analysis::analyse_run(sc, r);
        CHECK(r.verdict == report::verdict_kind::pass);
        REQUIRE(r.min_capacity);
        CHECK(r.min_capacity->passed);
    }
}

TEST_CASE("every request sent must be accounted for", "[analysis][run]") {
    scenario::scenario sc;
    auto r = ramp_result();
    r.totals.sent = 101;  // one request neither ok, failed nor cancelled
    analysis::analyse_run(sc, r);
    CHECK(r.verdict == report::verdict_kind::fail);
    REQUIRE(r.reasons.size() == 1);
    CHECK(r.reasons[0] == "accounting: sent 101 != ok + errors + cancelled 100");
}

TEST_CASE("the spike's recovery decides the spike's verdict", "[analysis][run]") {
    scenario::scenario sc;
    auto r = ramp_result();
    r.steps.pop_back();
    report::spike_analysis spike;
    SECTION("an unhealthy baseline: invalid") {
        spike.overall.baseline_healthy = false;
        r.spike = spike;
        analysis::analyse_run(sc, r);
        CHECK(r.verdict == report::verdict_kind::invalid);
        CHECK_THAT(r.reasons.at(0), Catch::Contains("baseline before the spike"));
    }
    SECTION("no recovery: fail") {
        spike.overall.baseline_healthy = true;
        spike.overall.recovered = false;
        r.spike = spike;
        analysis::analyse_run(sc, r);
        CHECK(r.verdict == report::verdict_kind::fail);
        CHECK(r.reasons.at(0) == "did not recover from the spike before the run ended");
    }
    SECTION("recovered: pass") {
        spike.overall.baseline_healthy = true;
        spike.overall.recovered = true;
        r.spike = spike;
        analysis::analyse_run(sc, r);
        CHECK(r.verdict == report::verdict_kind::pass);
    }
}
