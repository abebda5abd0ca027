#include <faultline/ramps/stages_shape.hpp>

#include "builtin_shapes.hpp"
#include "shape_checks.hpp"

namespace faultline::ramps {
namespace {

// The level a stage starts from: the previous stage's target (or start), except that a jump
// starts at its own target.
double stage_start(const stage& s, double previous) {
    return s.transition == stage_transition::jump ? s.target : previous;
}

// A stage is judged when it holds a level with load on it: judging a ramp would compare numbers
// taken at different levels, and a level of 0 sends nothing to judge.
bool judged(const stage& s, double previous) {
    return stage_start(s, previous) == s.target && s.target > 0;
}

shape_config example() {
    using std::chrono::minutes;
    using std::chrono::seconds;
    return stages_config{0,
                         {{50, seconds(30), stage_transition::ramp},
                          {50, minutes(2), stage_transition::ramp},
                          {200, minutes(1), stage_transition::jump},
                          {0, seconds(30), stage_transition::ramp}},
                         seconds(10)};
}

constexpr std::string_view keys[] = {"start", "stages", "warmup"};

}  // namespace

shape_problems validate(const stages_config& config) {
    shape_problems out;
    detail::require_non_negative(out, config.start, "start");
    detail::require(out, !config.stages.empty(), "stages", "must not be empty");
    detail::require(out, config.stages.size() <= detail::max_segments, "stages",
                    "must have at most 10000 entries");
    if (config.warmup < nanoseconds::zero())
        out.push_back({"warmup", "must be >= 0"});
    double previous = config.start;
    for (std::size_t i = 0; i < config.stages.size(); ++i) {
        const auto& s = config.stages[i];
        const std::string key = "stages." + std::to_string(i);
        detail::require_non_negative(out, s.target, key + ".target");
        detail::require_positive(out, s.duration, key + ".duration");
        if (judged(s, previous) && config.warmup >= nanoseconds::zero() &&
            s.duration > nanoseconds::zero() && config.warmup >= s.duration)
            out.push_back({"warmup", "must be shorter than " + key + ".duration"});
        previous = s.target;
    }
    return out;
}

plan_result plan(const stages_config& config) {
    auto problems = validate(config);
    if (!problems.empty())
        return make_unexpected(std::move(problems));
    load_plan out;
    double previous = config.start;
    for (const auto& s : config.stages) {
        const bool held = judged(s, previous);
        detail::append(out, "stage", stage_start(s, previous), s.target, s.duration,
                       held ? config.warmup : nanoseconds::zero(), held);
        previous = s.target;
    }
    return out;
}

namespace shapes {
const shape_descriptor stages_shape{
    "stages",
    "a list of target levels, each ramped to linearly or jumped to, with durations",
    keys,
    detail::validate_as<stages_config>,
    detail::plan_as<stages_config>,
    example,
    false,
    {},
    shape_analysis::none,
    false};
}  // namespace shapes

}  // namespace faultline::ramps
