#pragma once
/// The steps shape: start, start + step, ... (or start, start × factor, ...) up to and including
/// max, each level held for step_duration and judged after its warm-up. The level arithmetic is
/// plan_steps' (step_plan.hpp); this file adds validation and the load_plan form.
#include <vector>

#include <faultline/ramps/load_plan.hpp>
#include <faultline/ramps/step_plan.hpp>

namespace faultline::ramps {

/// The steps shape's configuration is the step plan's (keys start, step or factor, max,
/// step_duration, warmup; whole_levels comes from the load model, not from a key).
using steps_config = step_config;

/// step_duration and warmup when [ramp] does not give them (--time-scale scales these too).
inline constexpr nanoseconds default_step_duration = std::chrono::seconds(5);
inline constexpr nanoseconds default_warmup = std::chrono::seconds(1);

/// Every problem of `config`: start > 0; exactly one of step (> 0) and factor (> 1);
/// max >= start; step_duration > 0; 0 <= warmup < step_duration; at most 10,000 steps.
shape_problems validate(const steps_config& config);

/// The plan: one constant, judged "step" segment per level (see plan_steps), or the problems.
plan_result plan(const steps_config& config);

/// Planned steps as segments: constant, phase "step", judged, same index, duration and warm-up.
load_plan to_load_plan(const std::vector<planned_step>& steps);

}  // namespace faultline::ramps
