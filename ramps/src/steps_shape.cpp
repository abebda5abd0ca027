#include <cmath>

#include <faultline/ramps/steps_shape.hpp>

#include "builtin_shapes.hpp"
#include "shape_checks.hpp"

namespace faultline::ramps {
namespace {

// plan_steps stops at 10,000 steps; a plan that stopped there never reached max.
bool reaches_max(const steps_config& config) {
    const auto steps = plan_steps(config);
    const double last = config.whole_levels ? std::round(config.max) : config.max;
    return !steps.empty() && steps.back().level >= last;
}

shape_config example() {
    return steps_config{8, 8, 0, 64, std::chrono::seconds(5), std::chrono::seconds(1), true};
}

constexpr std::string_view keys[] = {"start", "step", "factor", "max", "step_duration", "warmup"};

}  // namespace

shape_problems validate(const steps_config& config) {
    shape_problems out;
    detail::require_positive(out, config.start, "start");
    const bool has_step = config.step != 0;
    const bool has_factor = config.factor != 0;
    if (has_step && has_factor)
        out.push_back({"factor", "must not be set together with step"});
    else if (!has_step && !has_factor)
        out.push_back({"step", "or factor must be set"});
    if (has_step)
        detail::require(out, config.step > 0, "step", "must be > 0");
    if (has_factor)
        detail::require(out, config.factor > 1, "factor", "must be > 1");
    detail::require(out, config.max >= config.start, "max", "must be >= start");
    detail::require_positive(out, config.step_duration, "step_duration");
    detail::require_warmup(out, config.warmup, config.step_duration, "step_duration");
    if (out.empty() && !reaches_max(config))
        out.push_back({"max", "is more than 10000 steps above start"});
    return out;
}

plan_result plan(const steps_config& config) {
    auto problems = validate(config);
    if (!problems.empty())
        return make_unexpected(std::move(problems));
    return to_load_plan(plan_steps(config));
}

load_plan to_load_plan(const std::vector<planned_step>& steps) {
    load_plan out;
    out.reserve(steps.size());
    for (const auto& s : steps)
        out.push_back({s.index, "step", s.level, s.level, s.duration, s.warmup, true});
    return out;
}

namespace shapes {
// The defaults of step_config's durations.
constexpr defaulted_duration durations[] = {{"step_duration", default_step_duration},
                                            {"warmup", default_warmup}};

const shape_descriptor steps_shape{
    "steps",
    "levels from start to max by a step or a factor, each held for step_duration",
    keys,
    detail::validate_as<steps_config>,
    detail::plan_as<steps_config>,
    example,
    true,
    durations,
    shape_analysis::none,
    false};
}  // namespace shapes

}  // namespace faultline::ramps
