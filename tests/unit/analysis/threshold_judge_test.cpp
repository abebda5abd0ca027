// Thresholds judged on a recorded timeline: over the run, per step and on sliding windows with
// a `for` duration, each with the value and place of its failure.
#include <catch2/catch.hpp>

#include <faultline/analysis/threshold_judge.hpp>
#include <faultline/scenario/threshold_spec.hpp>

using namespace std::chrono_literals;
using faultline::analysis::judge_thresholds;
using faultline::scenario::threshold_scope;
using faultline::scenario::threshold_spec;
using faultline::stats::outcome;
namespace stats = faultline::stats;
namespace report = faultline::report;

namespace {

threshold_spec spec(const char* expr, threshold_scope over = threshold_scope::run,
                    std::optional<std::string> workload = std::nullopt,
                    faultline::nanoseconds hold_for = 0s) {
    auto e = faultline::scenario::parse_threshold_expression(expr);
    REQUIRE(e.has_value());
    threshold_spec s;
    s.expression = *e;
    s.over = over;
    s.workload = std::move(workload);
    s.hold_for = hold_for;
    return s;
}

// 60 buckets of 100 ms, two workloads:
// - "items": 10 completions a bucket at 10 ms, but 500 ms in buckets 20..29;
// - "orders": 10 a bucket at 2 ms, all failing (eof) in buckets 30..34; from bucket 45 on it
//   sends 5 a bucket and nothing completes (a hang).
struct recorded_run {
    stats::timeline timeline{{"items", "orders"}};
    std::vector<double> end_s;
    std::vector<report::step_record> steps;

    recorded_run() {
        stats::interval_snapshot bucket;
        bucket.workloads.resize(2);
        for (std::size_t i = 0; i < 60; ++i) {
            bucket.reset();
            auto& items = bucket.workloads[0];
            items.counts.sent = 10;
            items.counts.outcomes[stats::to_index(outcome::ok)] = 10;
            items.latency.record_n(i >= 20 && i < 30 ? 500ms : 10ms, 10);
            auto& orders = bucket.workloads[1];
            if (i < 45) {
                orders.counts.sent = 10;
                const auto kind = i >= 30 && i < 35 ? outcome::eof : outcome::ok;
                orders.counts.outcomes[stats::to_index(kind)] = 10;
                orders.latency.record_n(2ms, 10);
            } else {
                orders.counts.sent = 5;
            }
            timeline.append(bucket);
            end_s.push_back(0.1 * static_cast<double>(i + 1));
        }
        // Two steps of 3 s, each judged over its last 2 s.
        for (std::size_t k = 0; k < 2; ++k) {
            report::step_record s;
            s.index = k;
            s.start_s = 3.0 * static_cast<double>(k);
            s.end_s = s.start_s + 3.0;
            s.judged_s = 2.0;
            steps.push_back(s);
        }
    }

    std::vector<report::threshold_result> judge(const std::vector<threshold_spec>& specs) const {
        return judge_thresholds(specs, {timeline, end_s, steps});
    }
};

}  // namespace

TEST_CASE("a threshold over the whole run", "[app][thresholds]") {
    const recorded_run run;
    const auto r = run.judge({spec("p50 < 20ms", threshold_scope::run, "items"),
                              spec("p90 < 20ms", threshold_scope::run, "items"),
                              spec("error_rate < 5%"), spec("availability > 95%"),
                              spec("throughput >= 100/s", threshold_scope::run, "items"),
                              spec("throughput > 100/s", threshold_scope::run, "items")});
    REQUIRE(r.size() == 6);
    CHECK(r[0].passed);
    CHECK(r[0].value.value() == Approx(10.0).epsilon(0.001));  // ms
    CHECK(r[0].unit == "ms");
    CHECK(r[0].limit == Approx(20.0));
    CHECK_FALSE(r[1].passed);  // 10 of 60 buckets at 500 ms: p90 is 500 ms
    CHECK(r[1].value.value() == Approx(500.0).epsilon(0.001));
    CHECK_THAT(r[1].message, Catch::Contains("p90 < 20ms (items): p90 = 500."));
    // 50 errors of 600 + 450 completions.
    CHECK(r[2].passed);
    CHECK(r[2].value.value() == Approx(50.0 / 1050.0));
    CHECK(r[2].unit == "ratio");
    CHECK(r[3].value.value() == Approx(1000.0 / 1050.0));
    CHECK(r[4].passed);  // 600 ok in 6 s
    CHECK(r[4].value.value() == Approx(100.0));
    CHECK_FALSE(r[5].passed);
    CHECK(r[5].over == "run");
    CHECK_FALSE(r[5].at_s);
}

TEST_CASE("a threshold per step fails at its worst step", "[app][thresholds]") {
    const recorded_run run;
    // Step 0 judges buckets 10..29 (latency 500 ms in half of them), step 1 buckets 40..59.
    const auto r = run.judge({spec("p99 < 100ms", threshold_scope::step, "items"),
                              spec("p99 < 1s", threshold_scope::step, "items"),
                              spec("error_rate < 1%", threshold_scope::step, "orders")});
    CHECK_FALSE(r[0].passed);
    CHECK(r[0].step == 0U);
    CHECK(r[0].at_s.value() == Approx(1.0));
    CHECK(r[0].value.value() == Approx(500.0).epsilon(0.001));
    CHECK(r[1].passed);
    CHECK_FALSE(r[1].step);
    CHECK_FALSE(r[1].at_s);
    // Step 1 of "orders": buckets 40..44 completed 50 ok, then the hang; no errors in it.
    // Step 0: buckets 10..29, no errors. The error buckets 30..34 fall between the judged windows.
    CHECK(r[2].passed);
    CHECK(r[2].value.value() == Approx(0.0));
}

TEST_CASE("a windowed threshold fails only when violated for its `for`", "[app][thresholds]") {
    const recorded_run run;
    // 1 s windows containing any of buckets 20..29 have p99 = 500 ms: windows starting at
    // buckets 11..29, whose starts span 1.8 s.
    const auto r = run.judge({spec("p99 < 100ms", threshold_scope::window, "items", 0s),
                              spec("p99 < 100ms", threshold_scope::window, "items", 1800ms),
                              spec("p99 < 100ms", threshold_scope::window, "items", 1900ms)});
    CHECK_FALSE(r[0].passed);
    CHECK(r[0].at_s.value() == Approx(1.1));
    CHECK(r[0].value.value() == Approx(500.0).epsilon(0.001));
    CHECK(r[0].window_s == Approx(1.0));
    CHECK_FALSE(r[1].passed);
    CHECK(r[1].at_s.value() == Approx(1.1));
    CHECK(r[1].for_s == Approx(1.8));
    CHECK_THAT(r[1].message, Catch::Contains("violated for 1.8s or more"));
    CHECK(r[2].passed);
    CHECK_FALSE(r[2].at_s);
    CHECK(r[2].value.value() == Approx(500.0).epsilon(0.001));  // the worst window, reported
}

TEST_CASE("a window where requests hang and none complete violates latency and error bounds",
          "[app][thresholds]") {
    const recorded_run run;
    // "orders" hangs from bucket 45: windows from there hold no completion at all. The window
    // starting at 4.5 s had nothing in flight at its start, so it is not dead; those from 4.6 s
    // on are (5 of them, to the last one at 5.0 s).
    const auto r = run.judge({spec("p99 < 100ms", threshold_scope::window, "orders", 400ms),
                              spec("error_rate < 1%", threshold_scope::window, "orders", 1s),
                              spec("throughput > 1/s", threshold_scope::window, "orders", 500ms),
                              spec("min > 1ms", threshold_scope::window, "orders", 0s)});
    CHECK_FALSE(r[0].passed);
    CHECK(r[0].at_s.value() == Approx(4.6));
    CHECK(run.judge({spec("p99 < 100ms", threshold_scope::window, "orders", 500ms)})[0].passed);
    // The error windows (30..34) come first: 1 s windows starting at 2.1 .. 3.4 s contain them.
    CHECK_FALSE(r[1].passed);
    CHECK(r[1].at_s.value() == Approx(2.1));
    CHECK_FALSE(r[2].passed);  // no successes from bucket 45 (and during the errors)
    CHECK(r[3].passed);        // a lower bound on latency is not broken by a hang
}

TEST_CASE("a failing threshold fails a passing run, not an invalid one", "[app][thresholds]") {
    report::run_result r;
    report::threshold_result held;
    held.passed = true;
    report::threshold_result failed;
    failed.message = "p95 < 2s: p95 = 2500.000ms over the run";
    r.thresholds = {held, failed};
    faultline::analysis::apply_thresholds(r);
    CHECK(r.verdict == report::verdict_kind::fail);
    REQUIRE(r.reasons.size() == 1);
    CHECK(r.reasons[0] == "threshold failed: p95 < 2s: p95 = 2500.000ms over the run");
    r.verdict = report::verdict_kind::invalid;
    faultline::analysis::apply_thresholds(r);
    CHECK(r.verdict == report::verdict_kind::invalid);
}
