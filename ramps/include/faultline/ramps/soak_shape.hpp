#pragma once
/// The soak shape: one constant level held for a long time (leaks, slow degradation), optionally
/// reached by a linear ramp-up from 0.
#include <faultline/core/clock.hpp>
#include <faultline/ramps/load_plan.hpp>

namespace faultline::ramps {

/// Keys level, duration, ramp_up (default 0 = start at the level at once), warmup (default 0).
struct soak_config {
    double level = 0;  ///< > 0
    nanoseconds duration{};
    nanoseconds ramp_up{};
    nanoseconds warmup{};
};

/// Every problem of `config`: level > 0; duration > 0; ramp_up >= 0; 0 <= warmup < duration.
shape_problems validate(const soak_config& config);

/// With a ramp-up: "ramp_up" from 0 to the level (unjudged, no warm-up), then "soak" at the level
/// (judged, with the warm-up). Without: the "soak" segment alone.
plan_result plan(const soak_config& config);

}  // namespace faultline::ramps
