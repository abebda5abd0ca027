#pragma once
/// Judging steps against breaking-point criteria, and finding the breaking point in a
/// sequence of judged steps. Pure functions of numbers.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <faultline/core/clock.hpp>
#include <faultline/ramps/criteria.hpp>

namespace faultline::ramps {

/// The numbers of one step's judged window (after warm-up).
struct step_numbers {
    double level = 0;
    double offered_rps = 0;     ///< open model: the arrival rate; closed: equals sent per second
    double throughput_rps = 0;  ///< successful responses per second
    double achieved_rps = 0;    ///< completed requests (ok or error) per second
    double error_rate = 0;      ///< errors / completed (cancelled excluded)
    nanoseconds mean{0};        ///< mean latency of the responses (0 = not measured)
    nanoseconds p99{0};
    std::uint64_t completed = 0;
    bool generator_bound = false;
};

/// The knee criterion, judged on whole steps: trips when `step`'s load grew by at least 10 %
/// over `previous` while its throughput grew by less than `criteria.knee`. nullopt when the knee
/// is not set, `previous` is null (the first step) or it did not bend.
std::optional<trip> knee_trip(const step_numbers& step, const criteria& criteria,
                              const step_numbers* previous);

/// The last passing level and its throughput.
struct capacity_point {
    double level = 0;
    double throughput_rps = 0;
};

/// The outcome of a ramp.
struct breaking_point {
    bool found = false;               ///< a step tripped a criterion (and was not generator bound)
    std::optional<std::size_t> step;  ///< index of the first failing step
    double level = 0;                 ///< its level
    std::string criterion;            ///< the first criterion it tripped
    std::optional<capacity_point> capacity;  ///< none when the very first step failed
    bool generator_bound = false;            ///< the search stopped because the generator saturated
};

/// Walks judged steps in order: the first step that tripped is the breaking point, unless it was
/// generator bound (then found = false and generator_bound = true). `tripped[i]` belongs to
/// `steps[i]`.
breaking_point find_breaking_point(const std::vector<step_numbers>& steps,
                                   const std::vector<std::vector<trip>>& tripped);

}  // namespace faultline::ramps
