#include <cmath>
#include <sstream>

#include <faultline/core/units.hpp>
#include <faultline/ramps/steps_shape.hpp>

#include "builtin_shapes.hpp"
#include "shape_checks.hpp"
#include "shape_reading.hpp"

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

void read_increment(const config::table_reader& r, steps_config& out,
                    std::optional<core::load_model> model) {
    const auto* step = r.node("step");
    const auto* factor = r.node("factor");
    if (step != nullptr && factor != nullptr) {
        r.ctx().error(*factor,
                      "ramp: set either step (additive) or factor (multiplicative), not both");
    } else if (step == nullptr && factor == nullptr) {
        r.ctx().error(r.table(),
                      "ramp: expected step (additive, e.g. step = 8) or factor "
                      "(multiplicative, e.g. factor = 1.5)");
    }
    if (auto value = detail::read_level(r, "step", model))
        out.step = *value;
    if (auto value = r.number("factor")) {
        if (*value > 1)
            out.factor = *value;
        else
            r.ctx().error(*factor, r.path("factor") + ": expected a number > 1, got " +
                                       config::describe(*factor));
    }
}

void read_timing(const config::table_reader& r, steps_config& out) {
    const auto step_duration = r.positive_duration("step_duration");
    if (step_duration)
        out.step_duration = *step_duration;
    const auto warmup = r.duration("warmup");
    if (warmup)
        out.warmup = *warmup;
    const bool both_valid =
        (step_duration || !r.node("step_duration")) && (warmup || !r.node("warmup"));
    if (both_valid && out.warmup >= out.step_duration) {
        const auto* at = r.node("warmup") ? r.node("warmup") : r.node("step_duration");
        r.ctx().error(at ? *at : static_cast<const toml::node&>(r.table()),
                      "ramp.warmup (" + core::format_duration(out.warmup) +
                          (r.node("warmup") ? "" : ", the default") +
                          ") must be shorter than ramp.step_duration (" +
                          core::format_duration(out.step_duration) + ")");
    }
}

// The steps shape: start, step or factor, max, step_duration and warmup under [ramp] (the
// durations' defaults are the shape's own).
steps_config read_steps(const config::table_reader& r, std::optional<core::load_model> model) {
    config::context& ctx = r.ctx();
    steps_config out;
    out.step_duration = default_step_duration;
    out.warmup = default_warmup;
    if (auto value = detail::read_level(r, "start", model))
        out.start = *value;
    read_increment(r, out, model);
    if (auto value = detail::read_level(r, "max", model)) {
        out.max = *value;
        if (out.max < out.start) {
            std::ostringstream message;
            message << "ramp.max (" << out.max << ") must be at least ramp.start (" << out.start
                    << ")";
            ctx.error(*r.node("max"), message.str());
        }
    } else if (r.node("max") == nullptr) {
        r.missing("max", "the last level to try");
    }
    read_timing(r, out);
    out.whole_levels = model.value_or(core::load_model::closed) == core::load_model::closed;
    return out;
}

// The steps shape checks its keys as it reads them (its rules are those of validate).
shape_config read(const config::table_reader& r, std::optional<core::load_model> model) {
    return read_steps(r, model);
}

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
    read,
    true,
    durations,
    shape_analysis::none,
    false};
}  // namespace shapes

}  // namespace faultline::ramps
