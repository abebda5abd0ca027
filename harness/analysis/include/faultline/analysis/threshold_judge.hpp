#pragma once
// Judges the scenario's [[thresholds]] on what the run recorded: over the whole run, over each
// step's judged window, or on sliding windows that must stay in violation for `for`.
#include <span>
#include <vector>

#include <faultline/report/run_result.hpp>
#include <faultline/scenario/threshold_spec.hpp>
#include <faultline/stats/timeline.hpp>

namespace faultline::analysis {

/// What a threshold is judged on: the run's timeline, each bucket's end (seconds since the run
/// started, one per bucket), and the steps (their judged windows, for over = "step").
struct threshold_inputs {
    const stats::timeline& timeline;
    std::span<const double> bucket_end_s;
    std::span<const report::step_record> steps;
};

/// One result per threshold, in order.
std::vector<report::threshold_result> judge_thresholds(
    std::span<const scenario::threshold_spec> thresholds, const threshold_inputs& in);

/// A failing threshold fails a run that would otherwise pass (an invalid run stays invalid);
/// each adds a reason.
void apply_thresholds(report::run_result& r);

}  // namespace faultline::analysis
