// A drill's numbers from a recording whose truth is known: a healthy baseline, a fault on "db"
// from 5 s to 7 s that fails every "items" request, then health again. Time to detect and
// recover, the cascade (a workload that does not use "db" turning unhealthy), and the verdict.
#include <catch2/catch.hpp>

#include <faultline/analysis/drill_analysis.hpp>
#include <faultline/analysis/shape_analysis.hpp>

#include "recording_builder.hpp"

using namespace std::chrono_literals;
using faultline::test::bucket_load;
using faultline::test::recording_builder;
namespace analysis = faultline::analysis;
namespace faults = faultline::faults;
namespace report = faultline::report;
namespace scenario = faultline::scenario;

namespace {

const bucket_load healthy{100, 0};
const bucket_load failing{0, 100};

// "items" uses the db (directly, or through the "postgres" service the proxy fronts: either
// spelling), "static" uses nothing.
scenario::scenario drill_scenario(const std::string& items_depends_on = "db") {
    scenario::scenario sc;
    sc.name = "drill";
    scenario::workload items;
    items.name = "items";
    items.depends_on = {items_depends_on};
    scenario::workload statics;
    statics.name = "static";
    sc.workloads = {items, statics};
    scenario::proxy_spec db;
    db.name = "db";
    db.listen = {"127.0.0.1", 15432};
    db.upstream = {"127.0.0.1", 5432};
    sc.proxies = {db};
    scenario::service postgres;
    postgres.name = "postgres";
    postgres.ready = scenario::ready_probe{{"127.0.0.1", 5432}};
    sc.services = {postgres};
    sc.slo.error_rate = 0.01;
    sc.slo.window = 1s;
    sc.slo.stable_for = 1s;
    return sc;
}

// 13 s: healthy for 5 s, the fault's 2 s ("items" fails; "static" too when `spill`), 6 s
// healthy again.
recording_builder drill_recording(bool spill) {
    recording_builder b({"items", "static"});
    b.buckets(50, {healthy, healthy});
    b.buckets(20, {failing, spill ? failing : healthy});
    b.buckets(60, {healthy, healthy});
    return b;
}

faults::fault_record db_outage(std::uint64_t touched = 3) {
    faults::fault_record r;
    r.name = "db-down";
    r.kind = "outage";
    r.target = "db";
    r.requested_start_s = 5;
    r.requested_end_s = 7;
    r.started_s = 5.0;
    r.applied_s = 5.0;
    r.removed_s = 7.0;
    r.touched = {{"connections_cut", touched}};
    return r;
}

constexpr faults::span baseline{0.5, 5.0};

}  // namespace

TEST_CASE("the baseline is judged against the SLO", "[analysis][drill]") {
    const auto sc = drill_scenario();
    const auto& slo = sc.slo;
    SECTION("healthy before the fault") {
        const auto b = drill_recording(false);
        const auto verdict = analysis::judge_baseline(b.recording(), slo, baseline);
        CHECK(verdict.healthy);
        CHECK(verdict.reason.empty());
    }
    SECTION("one workload failing before the fault makes it unhealthy, and says which") {
        // Healthy overall (2 failures in 1100 a bucket), not for "static" (2 %).
        recording_builder b({"items", "static"});
        b.buckets(50, {bucket_load{1000, 0}, bucket_load{98, 2}});
        const auto verdict = analysis::judge_baseline(b.recording(), slo, baseline);
        CHECK_FALSE(verdict.healthy);
        CHECK_THAT(verdict.reason, Catch::Contains("static"));
    }
    SECTION("shorter than one window") {
        const auto b = drill_recording(false);
        const auto verdict = analysis::judge_baseline(b.recording(), slo, {0.5, 1.0});
        CHECK_FALSE(verdict.healthy);
        CHECK_THAT(verdict.reason, Catch::Contains("shorter than one [slo] window"));
    }
}

TEST_CASE("a contained fault: detected, recovered, no cascade", "[analysis][drill]") {
    const auto sc = drill_scenario();
    const auto b = drill_recording(false);
    const auto drill =
        analysis::analyse_drill(sc, b.recording(), baseline, {true, {}}, {db_outage()}, 13.0);
    REQUIRE(drill.faults.size() == 1);
    const auto& f = drill.faults.front();
    CHECK(f.analysed);
    CHECK(f.disruption.start_s == 5.0);
    CHECK(f.disruption.end_s == 7.0);
    REQUIRE(f.workloads.size() == 2);
    const auto& items = f.workloads[0].second;
    CHECK(f.workloads[0].first == "items");
    REQUIRE(items.time_to_impact_s);
    CHECK(*items.time_to_impact_s == Approx(0.0).margin(0.11));
    REQUIRE(items.time_to_detect_s);
    CHECK(*items.time_to_detect_s <= 1.2);
    CHECK(items.recovered);
    REQUIRE(items.time_to_recover_s);
    CHECK(*items.time_to_recover_s <= 0.2);
    CHECK(items.lost == 2000);
    const auto& statics = f.workloads[1].second;
    CHECK_FALSE(statics.time_to_detect_s);
    CHECK_FALSE(drill.cascade);
    CHECK(drill.spillovers.empty());

    report::run_result r;
    analysis::judge_drill(drill, false, r);
    CHECK(r.verdict == report::verdict_kind::pass);
    CHECK(r.reasons.empty());
}

TEST_CASE("a fault that spreads to a workload that does not use its target is a cascade",
          "[analysis][drill]") {
    const auto sc = drill_scenario();
    const auto b = drill_recording(true);
    const auto drill =
        analysis::analyse_drill(sc, b.recording(), baseline, {true, {}}, {db_outage()}, 13.0);
    CHECK(drill.cascade);
    REQUIRE(drill.spillovers.size() == 1);
    CHECK(drill.spillovers[0].workload == "static");
    CHECK(drill.spillovers[0].fault == "db-down");
    CHECK(drill.spillovers[0].unhealthy_at_s == Approx(5.0).margin(0.25));

    report::run_result r;
    analysis::judge_drill(drill, false, r);
    CHECK(r.verdict == report::verdict_kind::fail);
    REQUIRE(r.reasons.size() == 1);
    CHECK_THAT(r.reasons[0], Catch::StartsWith("cascade: workload static"));
}

TEST_CASE("a proxy and the service behind it are one dependency", "[analysis][drill]") {
    // "items" names the service; the fault hits the proxy in front of it.
    const auto sc = drill_scenario("postgres");
    const auto b = drill_recording(false);
    const auto drill =
        analysis::analyse_drill(sc, b.recording(), baseline, {true, {}}, {db_outage()}, 13.0);
    CHECK_FALSE(drill.cascade);
}

TEST_CASE("the drill's verdict", "[analysis][drill]") {
    const auto sc = drill_scenario();
    const auto b = drill_recording(false);
    report::run_result r;

    SECTION("a fault that touched nothing never took effect: invalid") {
        const auto drill =
            analysis::analyse_drill(sc, b.recording(), baseline, {true, {}}, {db_outage(0)}, 13.0);
        CHECK_FALSE(drill.faults.front().analysed);
        analysis::judge_drill(drill, false, r);
        CHECK(r.verdict == report::verdict_kind::invalid);
        CHECK_THAT(r.reasons.at(0), Catch::Contains("never took effect"));
    }
    SECTION("an unhealthy baseline: nothing was injected, invalid") {
        auto skipped = db_outage();
        skipped.skipped = true;
        skipped.started_s.reset();
        skipped.applied_s.reset();
        const auto drill = analysis::analyse_drill(
            sc, b.recording(), baseline, {false, "the baseline was slow"}, {skipped}, 13.0);
        analysis::judge_drill(drill, false, r);
        CHECK(r.verdict == report::verdict_kind::invalid);
        CHECK_THAT(r.reasons.at(0), Catch::Contains("the baseline was slow"));
    }
    SECTION("no recovery before the run ended: fail") {
        recording_builder never({"items", "static"});
        never.buckets(50, {healthy, healthy});
        never.buckets(80, {failing, healthy});
        const auto drill = analysis::analyse_drill(sc, never.recording(), baseline, {true, {}},
                                                   {db_outage()}, 13.0);
        CHECK_FALSE(drill.faults.front().overall.recovered);
        analysis::judge_drill(drill, false, r);
        CHECK(r.verdict == report::verdict_kind::fail);
        CHECK_THAT(r.reasons.at(0), Catch::Contains("did not recover from fault db-down"));
    }
}
