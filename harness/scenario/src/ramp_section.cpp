// [engine], [ramp] and [breaking_point]: how load is applied and when a step fails.
#include <algorithm>
#include <charconv>
#include <sstream>

#include <faultline/core/units.hpp>
#include <faultline/ramps/shape_descriptor.hpp>

#include "sections.hpp"

namespace faultline::scenario::detail {
namespace {

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
    if (!shape->searches && out.refine) {
        const std::string searching(ramps::default_shape().type);
        ctx.error(*r.node("refine"),
                  "ramp.refine: refinement searches a breaking point, which "
                  "only shape = \"" +
                      searching + "\" does; remove it or use the " + searching + " shape");
    }
    out.shape_config = shape->read(r, model);
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

}  // namespace faultline::scenario::detail
