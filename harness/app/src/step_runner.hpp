#pragma once
// Running one step of a ramp (or a refinement probe, or a cool-down) and recording every bucket.
#include <vector>

#include <faultline/engine/engine.hpp>
#include <faultline/ramps/step_plan.hpp>
#include <faultline/report/run_result.hpp>
#include <faultline/scenario/scenario.hpp>
#include <faultline/stats/timeline.hpp>

#include "progress.hpp"
#include "step_meter.hpp"

namespace faultline::app {

/// Everything collected bucket by bucket during a run.
struct recording {
    report::counters totals;
    stats::timeline timeline;
    std::vector<double> bucket_end_s;
    clock::time_point run_start;

    void add(const stats::interval_snapshot& interval);
};

/// Holds the engine at one step's level for the step's duration, collecting every bucket.
/// Returns false when interrupted.
bool run_step(engine::engine& load, step_meter& meter, recording& record,
              const ramps::planned_step& step, clock::time_point step_start);

/// Everything a step needs to run and be judged.
struct step_runner {
    engine::engine& load;
    step_meter& meter;
    recording& record;
    progress_printer& progress;

    /// Holds the load at zero for `length` (buckets still recorded, nothing judged) so that a
    /// target overloaded by the step before drains its queues. False when interrupted.
    bool cool_down(nanoseconds length);

    /// Runs `step` and returns its judged record; `previous` is what the knee compares with.
    report::step_record run(const ramps::planned_step& step, const report::step_record* previous,
                            bool& completed, bool probe = false);
};

/// Bisects the breaking point of `result`'s ramp when its last step failed after a passing one
/// ([ramp] refine = true); appends the probes to result.steps and sets result.refined.
void refine(const scenario::scenario& sc, step_runner& runner, report::run_result& result);

}  // namespace faultline::app
