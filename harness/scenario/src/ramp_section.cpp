// [engine], [ramp] and [breaking_point]: how load is applied and when a step fails.
#include <algorithm>
#include <charconv>
#include <sstream>

#include <faultline/core/units.hpp>
#include <faultline/ramps/shape_descriptor.hpp>
#include <faultline/ramps/steps_shape.hpp>

#include "sections.hpp"

namespace faultline::scenario::detail {
namespace {

constexpr std::int64_t max_virtual_users = 1'000'000;

const toml::table* required_table(context& ctx, const toml::node* node, const toml::table& root,
                                  const std::string& key, std::string_view hint) {
    if (node == nullptr) {
        ctx.error(root, "missing required table [" + key + "] (" + std::string(hint) + ")");
        return nullptr;
    }
    const auto* table = node->as_table();
    if (table == nullptr)
        type_error(ctx, *node, key, "a table ([" + key + "])");
    return table;
}

}  // namespace

std::optional<double> read_level(const table_reader& r, std::string_view key,
                                 std::optional<load_model> model, bool allow_zero) {
    const auto* node = r.node(key);
    if (node == nullptr)
        return std::nullopt;
    return to_level(r.ctx(), *node, r.path(key), model, allow_zero);
}

std::optional<double> to_level(context& ctx, const toml::node& node_ref, const std::string& path,
                               std::optional<load_model> model, bool allow_zero) {
    const auto* node = &node_ref;
    if (model == load_model::closed) {
        if (!node->is_integer()) {
            type_error(ctx, *node, path,
                       "an integer number of virtual users (model = \"closed\"; rates such as "
                       "\"500/s\" are for model = \"open\")");
            return std::nullopt;
        }
        auto users = to_integer(ctx, *node, path, allow_zero ? 0 : 1, max_virtual_users);
        if (!users)
            return std::nullopt;
        return static_cast<double>(*users);
    }
    if (node->is_string()) {
        const auto text = *node->value<std::string>();
        auto rate = core::parse_rate(text);
        if (!rate && allow_zero && (text == "0" || text == "0/s"))
            return 0.0;
        if (!rate)
            ctx.error(*node, path + ": " + rate.error());
        return rate ? std::optional<double>(*rate) : std::nullopt;
    }
    if (!node->is_number()) {
        type_error(ctx, *node, path,
                   "an arrival rate such as \"500/s\" or a number of arrivals per second");
        return std::nullopt;
    }
    auto value = to_number(ctx, *node, path);
    if (value && (*value < 0 || (*value == 0 && !allow_zero))) {
        ctx.error(*node, path +
                             (allow_zero ? ": expected a rate of zero or more, got "
                                         : ": expected a rate greater than zero, got ") +
                             describe(*node));
        return std::nullopt;
    }
    return value;
}

std::optional<load_model> read_model(const table_reader& r) {
    auto text = r.string("model");
    if (!r.node("model"))
        return load_model::closed;
    if (!text)
        return std::nullopt;
    if (*text == "closed")
        return load_model::closed;
    if (*text == "open")
        return load_model::open;
    r.ctx().error(*r.node("model"), r.path("model") + ": unknown model \"" + *text +
                                        "\"; expected \"closed\" (virtual users) or \"open\" "
                                        "(arrival rate)");
    return std::nullopt;
}

namespace {

void read_increment(const table_reader& r, ramps::steps_config& out,
                    std::optional<load_model> model) {
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
    if (auto value = read_level(r, "step", model))
        out.step = *value;
    if (auto value = r.number("factor")) {
        if (*value > 1)
            out.factor = *value;
        else
            r.ctx().error(*factor,
                          r.path("factor") + ": expected a number > 1, got " + describe(*factor));
    }
}

void read_timing(const table_reader& r, ramps::steps_config& out) {
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

void read_refinement(const table_reader& r, ramp_spec& out) {
    if (const auto* refine = r.node("refine")) {
        if (refine->is_boolean())
            out.refine = *refine->value<bool>();
        else
            type_error(r.ctx(), *refine, r.path("refine"), "true or false");
    }
    if (auto value = r.percent("refine_tolerance")) {
        if (*value > 0 && *value < 1)
            out.refine_tolerance = *value;
        else
            r.ctx().error(*r.node("refine_tolerance"),
                          r.path("refine_tolerance") +
                              ": expected a percentage above 0% and below 100%, such as \"5%\"");
    }
    if (auto value = r.integer("repeats", 1, 9))
        out.repeats = static_cast<unsigned>(*value);
}

// "p99", "p99.9", "p50": a latency quantile criterion (checked for range when read).
bool is_quantile_key(std::string_view key) {
    if (key.size() < 2 || key.front() != 'p')
        return false;
    double value = 0;
    const auto* end = key.data() + key.size();
    const auto [ptr, ec] = std::from_chars(key.data() + 1, end, value);
    return ec == std::errc{} && ptr == end;
}

bool has_quantile_key(const toml::table& table) {
    return std::any_of(table.begin(), table.end(),
                       [](const auto& entry) { return is_quantile_key(entry.first.str()); });
}

void read_latency_criteria(const table_reader& r, breaking_point_spec& out) {
    for (auto&& [key, value] : r.table()) {
        const std::string_view name = key.str();
        double quantile = 100;
        if (name != "max") {
            if (!is_quantile_key(name))
                continue;
            std::from_chars(name.data() + 1, name.data() + name.size(), quantile);
            if (!(quantile > 0 && quantile < 100)) {
                r.ctx().error(key.source(), r.path(name) +
                                                ": a latency quantile must be above p0 and below "
                                                "p100 (such as p99 or \"p99.9\"); use max for the "
                                                "largest latency");
                continue;
            }
        }
        if (auto limit = r.positive_duration(name))
            out.latency.push_back({quantile, *limit});
    }
    std::sort(out.latency.begin(), out.latency.end(),
              [](const auto& a, const auto& b) { return a.quantile < b.quantile; });
}

void read_max_dropped(const table_reader& r, breaking_point_spec& out) {
    const auto* node = r.node("max_dropped");
    if (node == nullptr)
        return;
    if (node->is_string()) {
        if (auto value = r.percent("max_dropped")) {
            out.max_dropped = *value;
            out.max_dropped_fraction = true;
        }
        return;
    }
    if (!node->is_integer()) {
        type_error(r.ctx(), *node, r.path("max_dropped"),
                   "a count of dropped arrivals per window (such as 0) or a percentage of "
                   "arrivals (such as \"0.1%\")");
        return;
    }
    if (auto value = r.integer("max_dropped", 0, 1'000'000'000))
        out.max_dropped = static_cast<double>(*value);
}

void read_windows(const table_reader& r, breaking_point_spec& out) {
    if (auto window = r.positive_duration("window")) {
        constexpr auto bucket = std::chrono::milliseconds(100);
        if (*window % bucket != nanoseconds{0}) {
            r.ctx().error(*r.node("window"), r.path("window") +
                                                 ": expected a multiple of 100ms (the bucket "
                                                 "width), got " +
                                                 core::format_duration(*window));
        } else {
            out.window = *window;
        }
    }
    if (auto value = r.integer("consecutive", 1, 1000))
        out.consecutive = static_cast<unsigned>(*value);
}

}  // namespace

namespace {

// The keys every shape shares: how load is applied, not its plan.
constexpr std::string_view common_ramp_keys[] = {
    "model", "shape", "max_connections", "refine", "refine_tolerance", "repeats"};

// shape = "...": the descriptor named, or null (reported, with the known names).
const ramps::shape_descriptor* read_shape_name(context& ctx, const toml::table& table,
                                               ramp_spec& out) {
    const auto* node = table.get("shape");
    if (node == nullptr)
        return &ramps::default_shape();
    auto name = to_string(ctx, *node, "ramp.shape");
    if (!name)
        return nullptr;
    const auto* shape = ramps::find_shape(*name);
    if (shape == nullptr) {
        std::string known;
        for (const auto* s : ramps::builtin_shapes())
            known += (known.empty() ? "\"" : ", \"") + std::string(s->type) + "\"";
        ctx.error(*node, "ramp.shape: unknown shape \"" + *name + "\"; expected one of " + known);
        return nullptr;
    }
    out.shape = *name;
    return shape;
}

void read_connections(const table_reader& r, ramp_spec& out) {
    if (auto value = r.integer("max_connections", 1, 4'294'967'295))
        out.max_connections = static_cast<std::uint32_t>(*value);
}

// The steps shape: start, step or factor, max, step_duration and warmup under [ramp] (the
// durations' defaults are the shape's own).
void read_steps(const table_reader& r, ramp_spec& spec, std::optional<load_model> model) {
    context& ctx = r.ctx();
    ramps::steps_config out;
    out.step_duration = ramps::default_step_duration;
    out.warmup = ramps::default_warmup;
    if (auto value = read_level(r, "start", model))
        out.start = *value;
    read_increment(r, out, model);
    if (auto value = read_level(r, "max", model)) {
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
    out.whole_levels = spec.model == load_model::closed;
    spec.shape_config = out;
}

}  // namespace

ramp_spec read_ramp(context& ctx, const toml::node* node, const toml::table& root) {
    ramp_spec out;
    const auto* table = required_table(ctx, node, root, "ramp", "the load levels to step through");
    if (table == nullptr)
        return out;
    const auto* shape = read_shape_name(ctx, *table, out);
    std::vector<std::string_view> allowed(std::begin(common_ramp_keys), std::end(common_ramp_keys));
    if (shape != nullptr)
        allowed.insert(allowed.end(), shape->keys.begin(), shape->keys.end());
    table_reader r(ctx, *table, "ramp", "[ramp]", allowed);
    const auto model = read_model(r);
    out.model = model.value_or(load_model::closed);
    read_connections(r, out);
    read_refinement(r, out);
    if (shape == nullptr)
        return out;
    if (out.searches()) {
        read_steps(r, out, model);
        return out;
    }
    if (out.refine) {
        ctx.error(*r.node("refine"),
                  "ramp.refine: refinement searches a breaking point, which "
                  "only shape = \"steps\" does; remove it or use the steps "
                  "shape");
    }
    read_shape(r, *shape, model, out);
    return out;
}

breaking_point_spec read_breaking_point(context& ctx, const toml::node* node,
                                        const toml::table& root) {
    breaking_point_spec out;
    const auto* table =
        required_table(ctx, node, root, "breaking_point", "set error_rate and/or p99");
    if (table == nullptr)
        return out;
    table_reader r(ctx, *table, "breaking_point", "[breaking_point]",
                   {"error_rate", "p50", "p90", "p95", "p99", "p99.9", "max", "knee",
                    "min_attainment", "max_dropped", "window", "consecutive", "min_capacity"},
                   is_quantile_key);
    out.error_rate = r.percent("error_rate");
    out.knee = r.percent("knee");
    read_latency_criteria(r, out);
    if (auto value = r.percent("min_attainment")) {
        if (*value > 0)
            out.min_attainment = *value;
        else
            ctx.error(*r.node("min_attainment"),
                      "breaking_point.min_attainment: expected a percentage above 0%");
    }
    read_max_dropped(r, out);
    read_windows(r, out);
    if (auto text = r.string("min_capacity")) {
        if (auto rate = core::parse_rate(*text))
            out.min_capacity = *rate;
        else
            ctx.error(*r.node("min_capacity"),
                      "breaking_point.min_capacity: expected the least acceptable capacity as a "
                      "rate such as \"500/s\", got \"" +
                          *text + "\"");
    }
    if (!out.error_rate && out.latency.empty() && !out.knee && !out.max_dropped &&
        r.node("error_rate") == nullptr && r.node("knee") == nullptr &&
        r.node("max_dropped") == nullptr && !has_quantile_key(*table)) {
        ctx.error(*table,
                  "[breaking_point] needs at least one criterion: error_rate (such as "
                  "\"1%\"), a latency quantile such as p99 (\"50ms\"), knee (such as \"5%\") or "
                  "max_dropped");
    }
    return out;
}

engine_spec read_engine(context& ctx, const toml::node* node) {
    engine_spec out;
    if (node == nullptr)
        return out;
    const auto* table = node->as_table();
    if (table == nullptr) {
        type_error(ctx, *node, "engine", "a table ([engine])");
        return out;
    }
    table_reader r(ctx, *table, "engine", "[engine]", {"threads", "drain_timeout"});
    if (auto threads = r.integer("threads", 0, 1024))
        out.threads = static_cast<unsigned>(*threads);
    if (auto d = r.duration("drain_timeout"))
        out.drain_timeout = *d;
    return out;
}

}  // namespace faultline::scenario::detail
