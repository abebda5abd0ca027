#pragma once
/// Kleinrock's power: throughput divided by mean latency. It grows while added load buys
/// throughput at little latency cost and falls once queueing sets in; its peak is the optimal
/// operating point of the target (the level that gives the most throughput per unit of delay).
#include <cstddef>
#include <optional>
#include <span>

#include <faultline/ramps/capacity_model.hpp>
#include <faultline/ramps/step_judge.hpp>

namespace faultline::ramps {

/// The power of one step: throughput_rps / mean latency in seconds, in req/s². nullopt when the
/// step has no mean latency (mean <= 0).
std::optional<double> power_of(const step_numbers& step);

/// The step with the highest power.
struct power_peak {
    std::size_t step = 0;  ///< index into the steps given
    double level = 0;      ///< its level
    double power = 0;      ///< its power, req/s²
};

/// The step that maximises power_of() among steps that have a mean latency and are not generator
/// bound (their latency includes the generator's own queueing); the earliest on ties. Verdicts do
/// not matter. nullopt when no step qualifies.
std::optional<power_peak> find_power_peak(std::span<const model_step> steps);

}  // namespace faultline::ramps
