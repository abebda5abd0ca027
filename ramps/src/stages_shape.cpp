#include <faultline/ramps/stages_shape.hpp>

#include "builtin_shapes.hpp"
#include "shape_checks.hpp"
#include "shape_reading.hpp"

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

stage_transition read_transition(config::context& ctx, const toml::node& node,
                                 const std::string& path) {
    auto text = config::to_string(ctx, node, path);
    if (text && *text == "jump")
        return stage_transition::jump;
    if (text && *text != "ramp")
        ctx.error(node, path +
                            ": expected \"ramp\" (linearly from the previous level) or \"jump\" "
                            "(at once, then held), got \"" +
                            *text + "\"");
    return stage_transition::ramp;
}

stages_config read_stages(const config::table_reader& r, std::optional<core::load_model> model) {
    stages_config config;
    if (auto start = detail::read_level(r, "start", model, true))
        config.start = *start;
    detail::read_duration(r, "warmup", config.warmup);
    detail::require_keys(r, {"stages"},
                         "a list of { target, duration } such as [{ target = 50, "
                         "duration = \"30s\" }]");
    const auto* node = r.node("stages");
    if (node == nullptr)
        return config;
    const auto* list = node->as_array();
    if (list == nullptr) {
        config::type_error(r.ctx(), *node, r.path("stages"),
                           "an array of { target, duration } tables");
        return config;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string path = r.path("stages") + "." + std::to_string(i);
        const auto* entry = list->get(i)->as_table();
        if (entry == nullptr) {
            config::type_error(r.ctx(), *list->get(i), path, "a table { target, duration }");
            continue;
        }
        config::table_reader stage_reader(r.ctx(), *entry, path, "a stage",
                                          {"target", "duration", "transition"});
        stage stage;
        detail::require_keys(stage_reader, {"target", "duration"}, "every stage has both");
        if (auto target = detail::read_level(stage_reader, "target", model, true))
            stage.target = *target;
        if (auto duration = stage_reader.duration("duration"))
            stage.duration = *duration;
        if (const auto* transition = stage_reader.node("transition"))
            stage.transition =
                read_transition(r.ctx(), *transition, stage_reader.path("transition"));
        config.stages.push_back(stage);
    }
    return config;
}

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
    detail::read_validated<stages_config, read_stages>,
    false,
    {},
    shape_analysis::none,
    false};
}  // namespace shapes

}  // namespace faultline::ramps
