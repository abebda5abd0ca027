#include <faultline/ramps/soak_shape.hpp>

#include "builtin_shapes.hpp"
#include "shape_checks.hpp"
#include "shape_reading.hpp"

namespace faultline::ramps {
namespace {

shape_config example() {
    using std::chrono::hours;
    using std::chrono::minutes;
    return soak_config{100, hours(1), minutes(2), minutes(1)};
}

constexpr std::string_view keys[] = {"level", "duration", "ramp_up", "warmup"};

soak_config read_soak(const config::table_reader& r, std::optional<core::load_model> model) {
    soak_config config;
    detail::require_keys(r, {"level", "duration"}, "the soak shape holds one level for a duration");
    if (auto level = detail::read_level(r, "level", model))
        config.level = *level;
    detail::read_duration(r, "duration", config.duration);
    detail::read_duration(r, "ramp_up", config.ramp_up);
    detail::read_duration(r, "warmup", config.warmup);
    return config;
}

}  // namespace

shape_problems validate(const soak_config& config) {
    shape_problems out;
    detail::require_positive(out, config.level, "level");
    detail::require_positive(out, config.duration, "duration");
    detail::require(out, config.ramp_up >= nanoseconds::zero(), "ramp_up", "must be >= 0");
    detail::require_warmup(out, config.warmup, config.duration, "duration");
    return out;
}

plan_result plan(const soak_config& config) {
    auto problems = validate(config);
    if (!problems.empty())
        return make_unexpected(std::move(problems));
    load_plan out;
    if (config.ramp_up > nanoseconds::zero())
        detail::append(out, "ramp_up", 0, config.level, config.ramp_up, nanoseconds::zero(), false);
    detail::append(out, "soak", config.level, config.level, config.duration, config.warmup, true);
    return out;
}

namespace shapes {
const shape_descriptor soak_shape{
    "soak",
    "one constant level held for a long time, optionally after a linear ramp-up",
    keys,
    detail::validate_as<soak_config>,
    detail::plan_as<soak_config>,
    example,
    detail::read_validated<soak_config, read_soak>,
    false,
    {},
    shape_analysis::soak_drift,
    true};
}  // namespace shapes

}  // namespace faultline::ramps
