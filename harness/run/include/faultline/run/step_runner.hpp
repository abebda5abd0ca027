#pragma once
// Running one step of a ramp (or a refinement probe, or a cool-down) and analysis::recording every
// bucket.
#include <functional>
#include <vector>

#include <faultline/analysis/recording.hpp>
#include <faultline/analysis/step_meter.hpp>
#include <faultline/engine/engine.hpp>
#include <faultline/live/progress.hpp>
#include <faultline/ramps/load_plan.hpp>
#include <faultline/report/run_result.hpp>
#include <faultline/scenario/scenario.hpp>
#include <faultline/stats/timeline.hpp>

namespace faultline::run {

/// Runs the engine for `duration` from `start`, collecting every bucket; `level_at`, when set,
/// gives the level to apply at each bucket from the time elapsed (a ramped segment). Returns
/// false when interrupted.
bool run_for(engine::engine& load, analysis::step_meter& meter, analysis::recording& record,
             nanoseconds duration, clock::time_point start,
             const std::function<double(nanoseconds)>& level_at = {},
             const std::function<void()>& each_bucket = {});

/// Everything a step needs to run and be judged.
struct step_runner {
    engine::engine& load;
    analysis::step_meter& meter;
    analysis::recording& record;
    live::progress_printer& progress;
    std::function<void()> each_bucket = {};  ///< called after every bucket is recorded
    /// Where the plan is now, for the live line and metrics (read from each_bucket).
    double level_now = 0;
    std::string phase_now = {};
    std::size_t segment_now = 0;

    /// Holds the load at zero for `length` (buckets still recorded, nothing judged) so that a
    /// target overloaded by the step before drains its queues. False when interrupted.
    bool cool_down(nanoseconds length);

    /// Runs one segment of a shape's plan (or a refinement probe) and returns its record: a
    /// constant segment is held like a step and judged when the plan says so, a ramped one moves
    /// the level at every bucket and is never judged. `previous` is what the knee compares with.
    report::step_record run(const ramps::plan_segment& segment, const report::step_record* previous,
                            bool& completed, bool probe = false);
};

/// Bisects the breaking point of `result`'s ramp when its last step failed after a passing one
/// ([ramp] refine = true); appends the probes to result.steps and sets result.refined.
void refine(const scenario::scenario& sc, step_runner& runner, report::run_result& result);

}  // namespace faultline::run
