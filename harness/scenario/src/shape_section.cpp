// The keys of the stages, spike and soak shapes under [ramp] (ramps/SHAPES.md). Each value is
// read with its type checked where it stands; the shape's own rules (ramps::*_shape validate)
// then run once everything read cleanly, and each problem is reported at the key it names.
#include <sstream>

#include "sections.hpp"

namespace faultline::scenario::detail {
namespace {

// The node a shape problem's key names ("stages.2.duration"), or null.
const toml::node* node_at(const toml::table& table, const std::string& key) {
    const toml::node* node = &table;
    std::istringstream parts(key);
    for (std::string part; std::getline(parts, part, '.');) {
        if (const auto* t = node->as_table()) {
            node = t->get(part);
        } else if (const auto* a = node->as_array()) {
            const bool index =
                !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
            node = index ? a->get(std::stoul(part)) : nullptr;
        } else {
            node = nullptr;
        }
        if (node == nullptr)
            return nullptr;
    }
    return node;
}

// Sets `out` from the duration at `key` when it is present and valid.
void read_duration(const table_reader& r, std::string_view key, nanoseconds& out) {
    if (auto d = r.duration(key))
        out = *d;
}

void require_keys(const table_reader& r, std::initializer_list<std::string_view> keys,
                  std::string_view hint) {
    for (auto key : keys) {
        if (r.node(key) == nullptr)
            r.missing(key, hint);
    }
}

ramps::stage_transition read_transition(context& ctx, const toml::node& node,
                                        const std::string& path) {
    auto text = to_string(ctx, node, path);
    if (text && *text == "jump")
        return ramps::stage_transition::jump;
    if (text && *text != "ramp")
        ctx.error(node, path +
                            ": expected \"ramp\" (linearly from the previous level) or \"jump\" "
                            "(at once, then held), got \"" +
                            *text + "\"");
    return ramps::stage_transition::ramp;
}

ramps::stages_config read_stages(const table_reader& r, std::optional<load_model> model) {
    ramps::stages_config config;
    if (auto start = read_level(r, "start", model, true))
        config.start = *start;
    read_duration(r, "warmup", config.warmup);
    require_keys(r, {"stages"},
                 "a list of { target, duration } such as [{ target = 50, "
                 "duration = \"30s\" }]");
    const auto* node = r.node("stages");
    if (node == nullptr)
        return config;
    const auto* list = node->as_array();
    if (list == nullptr) {
        type_error(r.ctx(), *node, r.path("stages"), "an array of { target, duration } tables");
        return config;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string path = r.path("stages") + "." + std::to_string(i);
        const auto* entry = list->get(i)->as_table();
        if (entry == nullptr) {
            type_error(r.ctx(), *list->get(i), path, "a table { target, duration }");
            continue;
        }
        table_reader stage_reader(r.ctx(), *entry, path, "a stage",
                                  {"target", "duration", "transition"});
        ramps::stage stage;
        require_keys(stage_reader, {"target", "duration"}, "every stage has both");
        if (auto target = read_level(stage_reader, "target", model, true))
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

ramps::spike_config read_spike(const table_reader& r, std::optional<load_model> model) {
    ramps::spike_config config;
    require_keys(r,
                 {"baseline", "baseline_duration", "spike", "spike_duration", "recovery_duration"},
                 "the spike shape needs its levels and durations");
    if (auto level = read_level(r, "baseline", model))
        config.baseline = *level;
    if (auto level = read_level(r, "spike", model))
        config.spike = *level;
    read_duration(r, "baseline_duration", config.baseline_duration);
    read_duration(r, "spike_duration", config.spike_duration);
    read_duration(r, "recovery_duration", config.recovery_duration);
    read_duration(r, "warmup", config.warmup);
    return config;
}

ramps::soak_config read_soak(const table_reader& r, std::optional<load_model> model) {
    ramps::soak_config config;
    require_keys(r, {"level", "duration"}, "the soak shape holds one level for a duration");
    if (auto level = read_level(r, "level", model))
        config.level = *level;
    read_duration(r, "duration", config.duration);
    read_duration(r, "ramp_up", config.ramp_up);
    read_duration(r, "warmup", config.warmup);
    return config;
}

}  // namespace

void read_shape(const table_reader& r, const ramps::shape_descriptor& shape,
                std::optional<load_model> model, ramp_spec& out) {
    context& ctx = r.ctx();
    const auto errors_before = ctx.error_count();
    if (shape.type == "stages")
        out.shape_config = read_stages(r, model);
    else if (shape.type == "spike")
        out.shape_config = read_spike(r, model);
    else if (shape.type == "soak")
        out.shape_config = read_soak(r, model);
    if (ctx.error_count() != errors_before)
        return;  // the shape's rules would only repeat what is already reported
    for (const auto& problem : shape.validate(out.shape_config)) {
        const auto* node = node_at(r.table(), problem.key);
        ctx.error(node != nullptr ? *node : static_cast<const toml::node&>(r.table()),
                  r.path(problem.text()));
    }
}

}  // namespace faultline::scenario::detail
