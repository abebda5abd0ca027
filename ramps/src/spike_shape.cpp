#include <faultline/ramps/spike_shape.hpp>

#include "builtin_shapes.hpp"
#include "shape_checks.hpp"
#include "shape_reading.hpp"

namespace faultline::ramps {
namespace {

shape_config example() {
    using std::chrono::minutes;
    using std::chrono::seconds;
    return spike_config{50, minutes(1), 500, seconds(30), minutes(2), seconds(10)};
}

constexpr std::string_view keys[] = {"baseline",       "baseline_duration", "spike",
                                     "spike_duration", "recovery_duration", "warmup"};

spike_config read_spike(const config::table_reader& r, std::optional<core::load_model> model) {
    spike_config config;
    detail::require_keys(
        r, {"baseline", "baseline_duration", "spike", "spike_duration", "recovery_duration"},
        "the spike shape needs its levels and durations");
    if (auto level = detail::read_level(r, "baseline", model))
        config.baseline = *level;
    if (auto level = detail::read_level(r, "spike", model))
        config.spike = *level;
    detail::read_duration(r, "baseline_duration", config.baseline_duration);
    detail::read_duration(r, "spike_duration", config.spike_duration);
    detail::read_duration(r, "recovery_duration", config.recovery_duration);
    detail::read_duration(r, "warmup", config.warmup);
    return config;
}

}  // namespace

shape_problems validate(const spike_config& config) {
    shape_problems out;
    detail::require_positive(out, config.baseline, "baseline");
    detail::require_positive(out, config.baseline_duration, "baseline_duration");
    detail::require(out, config.spike > config.baseline, "spike", "must be > baseline");
    detail::require_positive(out, config.spike_duration, "spike_duration");
    detail::require_positive(out, config.recovery_duration, "recovery_duration");
    detail::require_warmup(out, config.warmup, config.baseline_duration, "baseline_duration");
    return out;
}

plan_result plan(const spike_config& config) {
    auto problems = validate(config);
    if (!problems.empty())
        return make_unexpected(std::move(problems));
    const auto none = nanoseconds::zero();
    load_plan out;
    detail::append(out, "baseline", config.baseline, config.baseline, config.baseline_duration,
                   config.warmup, true);
    detail::append(out, "spike", config.spike, config.spike, config.spike_duration, none, false);
    detail::append(out, "after_spike", config.baseline, config.baseline, config.recovery_duration,
                   none, false);
    return out;
}

namespace shapes {
const shape_descriptor spike_shape{
    "spike",
    "a baseline level, a sudden spike, then the baseline again while recovering",
    keys,
    detail::validate_as<spike_config>,
    detail::plan_as<spike_config>,
    example,
    detail::read_validated<spike_config, read_spike>,
    false,
    {},
    shape_analysis::spike_recovery,
    false};
}  // namespace shapes

}  // namespace faultline::ramps
