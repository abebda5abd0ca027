#pragma once
// What a run's steps add up to once it is over: the breaking point, the capacity model (steps
// shape), the verdict of the spike and soak analyses, and the accounting check.
#include <faultline/report/run_result.hpp>
#include <faultline/scenario/scenario.hpp>

namespace faultline::analysis {

/// Fills r.breaking_point and r.capacity from r.steps, and r.verdict and r.reasons from the
/// breaking point, r.spike, r.soak and the accounting invariant. r.steps, r.totals, r.spike and
/// r.soak must be set.
void analyse_run(const scenario::scenario& sc, report::run_result& r);

}  // namespace faultline::analysis
