#pragma once
/// The step ramp as a pure function: configuration in, the list of timed levels out.
#include <cstddef>
#include <vector>

#include <faultline/core/clock.hpp>

namespace faultline::ramps {

/// What the plan is made from. Exactly one of `step` (> 0) and `factor` (> 1) is used.
struct step_config {
    double start = 1;
    double step = 0;
    double factor = 0;
    double max = 1;
    nanoseconds step_duration{};
    nanoseconds warmup{};
    bool whole_levels = true;  ///< closed model: levels are whole virtual users
};

/// One planned step: hold `level` for `duration`, judge only after `warmup`.
struct planned_step {
    std::size_t index = 0;
    double level = 0;
    nanoseconds duration{};
    nanoseconds warmup{};

    friend bool operator==(const planned_step&, const planned_step&) = default;
};

/// start, start+step, ... (or start, start*factor, ...) up to and including max; the last step is
/// max itself when the sequence would overshoot it. Whole levels are rounded and strictly
/// increasing. At most 10,000 steps.
std::vector<planned_step> plan_steps(const step_config& config);

}  // namespace faultline::ramps
