#pragma once
/// The stages shape (k6's "stages"): a list of {target level, duration}, each stage either ramped
/// linearly from the previous level to its target or jumped to its target and held.
#include <cstdint>
#include <vector>

#include <faultline/core/clock.hpp>
#include <faultline/ramps/load_plan.hpp>

namespace faultline::ramps {

/// How a stage reaches its target from the level before it.
enum class stage_transition : std::uint8_t {
    ramp,  ///< linearly over the stage's duration (the default, as in k6)
    jump,  ///< at once, then held for the stage's duration
};

/// One stage: reach `target` (>= 0) and take `duration` (> 0) over it.
struct stage {
    double target = 0;
    nanoseconds duration{};
    stage_transition transition = stage_transition::ramp;
};

/// Keys start (default 0), stages (a non-empty array of {target, duration, transition}) and
/// warmup (default 0, applied to each held stage).
struct stages_config {
    double start = 0;  ///< the level before the first stage
    std::vector<stage> stages;
    nanoseconds warmup{};
};

/// Every problem of `config`: start >= 0; stages not empty and at most 10,000; each target >= 0
/// and duration > 0 (keyed "stages.I.target", "stages.I.duration", I from 0); warmup >= 0 and
/// shorter than every held stage's duration.
shape_problems validate(const stages_config& config);

/// One segment per stage, phase "stage", in order. A stage whose level does not change (a jump,
/// or a ramp to the level it starts from) is constant and, when its level is > 0, judged with
/// the warm-up; a stage whose level changes is a ramp, unjudged, without warm-up.
plan_result plan(const stages_config& config);

}  // namespace faultline::ramps
