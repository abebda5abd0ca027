#pragma once
/// The input of the capacity model (knee, power peak, USL fit, Little's law): a ramp's judged
/// steps, each with its numbers and its verdict. Pure data.
#include <cstddef>
#include <string>
#include <vector>

#include <faultline/ramps/step_judge.hpp>

namespace faultline::ramps {

/// One step as the capacity model reads it. The numbers it uses from `numbers`: level (virtual
/// users, or offered arrivals/s in the open model), throughput_rps (successful responses/s),
/// achieved_rps, mean and p99 latency, error_rate, generator_bound.
struct model_step {
    step_numbers numbers;
    bool passed = false;  ///< the step tripped no criterion

    /// Passed and not generator bound: only clean steps describe the target's own curve.
    bool clean() const noexcept { return passed && !numbers.generator_bound; }
};

/// Pairs judged steps with their verdicts, as find_breaking_point takes them: `tripped[i]`
/// belongs to `steps[i]`, and a step passed when it tripped nothing. The result has
/// min(steps.size(), tripped.size()) elements, in ramp order.
std::vector<model_step> model_steps(const std::vector<step_numbers>& steps,
                                    const std::vector<std::vector<trip>>& tripped);

}  // namespace faultline::ramps
