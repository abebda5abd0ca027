#pragma once
/// The spike shape: a baseline level, a sudden spike, then the baseline again while the service
/// recovers. The spike and the recovery are recorded for the recovery analysis, not judged for
/// the breaking point (a spike is expected to hurt; stopping the run there would lose the
/// recovery).
#include <faultline/core/clock.hpp>
#include <faultline/ramps/load_plan.hpp>

namespace faultline::ramps {

/// Keys baseline, baseline_duration, spike, spike_duration, recovery_duration, warmup
/// (default 0, applied to the baseline).
struct spike_config {
    double baseline = 0;  ///< > 0
    nanoseconds baseline_duration{};
    double spike = 0;  ///< > baseline
    nanoseconds spike_duration{};
    nanoseconds recovery_duration{};  ///< the baseline again, after the spike
    nanoseconds warmup{};
};

/// Every problem of `config`: baseline > 0; spike > baseline; the three durations > 0;
/// 0 <= warmup < baseline_duration.
shape_problems validate(const spike_config& config);

/// Three constant segments: "baseline" (judged, with the warm-up), "spike" and "after_spike"
/// (at the baseline level; both unjudged, without warm-up). The level jumps between them.
plan_result plan(const spike_config& config);

}  // namespace faultline::ramps
