#pragma once
/// The plan every load shape produces: timed segments the runner walks in order. A segment holds
/// one level (constant) or moves linearly from one level to another (a ramp the runner applies by
/// changing the level in small increments). Levels are virtual users (closed model) or arrivals
/// per second (open model); the plan does not know which.
#include <cstddef>
#include <string>
#include <vector>

#include <faultline/core/clock.hpp>
#include <faultline/core/expected.hpp>

namespace faultline::ramps {

/// One timed segment of a plan.
struct plan_segment {
    std::size_t index = 0;  ///< position in the plan, from 0
    std::string phase;  ///< "step", "stage", "baseline", "spike", "after_spike", "ramp_up", "soak"
    double start_level = 0;  ///< the level when the segment begins (>= 0)
    double end_level = 0;    ///< the level when it ends; == start_level for a constant segment
    nanoseconds duration{};  ///< > 0
    nanoseconds warmup{};  ///< the first part, recorded but not judged; < duration (0 if unjudged)
    bool judged = false;   ///< whether the breaking-point criteria judge this segment

    /// True when the level changes over the segment.
    bool ramped() const { return start_level != end_level; }

    friend bool operator==(const plan_segment&, const plan_segment&) = default;
};

/// A whole plan, segments in the order they run; segment i has index i.
using load_plan = std::vector<plan_segment>;

/// The level `elapsed` into `segment`: linear from start_level to end_level, clamped to the
/// segment (elapsed <= 0 gives start_level, elapsed >= duration gives end_level).
double level_at(const plan_segment& segment, nanoseconds elapsed);

/// The sum of the segments' durations.
nanoseconds total_duration(const load_plan& plan);

/// One problem in a shape's configuration, keyed so the scenario loader can point at the value:
/// key "max", "stages.2.duration" (0-based index, dots as in the loader's paths); message
/// "must be >= start". text() joins them: "max must be >= start".
struct shape_problem {
    std::string key;
    std::string message;

    /// "KEY MESSAGE".
    std::string text() const;

    friend bool operator==(const shape_problem&, const shape_problem&) = default;
};

/// Every problem of a configuration, in the order of its keys; empty = valid.
using shape_problems = std::vector<shape_problem>;

/// A plan, or every problem that prevented it.
using plan_result = expected<load_plan, shape_problems>;

}  // namespace faultline::ramps
