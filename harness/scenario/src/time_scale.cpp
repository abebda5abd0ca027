// --time-scale F, applied to the parsed TOML rather than to the loaded scenario: the rules that
// depend on durations (warm-up shorter than a step, faults inside the plan, faults that may not
// overlap, `for` on the 100 ms grid, the shapes' own rules) live in the section readers and
// report positions. Scaling before them checks every rule on the scaled values, where they were
// written, without a second copy of any rule.
#include "time_scale.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <faultline/core/units.hpp>
#include <faultline/scenario/scenario.hpp>

namespace faultline::scenario::detail {
namespace {

constexpr auto bucket = std::chrono::milliseconds(100);
// A scaled duration above this (about 31 years) is refused rather than overflow nanoseconds.
constexpr double longest_ns = 1e18;

// The durations of the plan under [ramp], for every shape (ramps/SHAPES.md).
constexpr std::string_view ramp_keys[] = {
    "step_duration", "warmup", "baseline_duration", "spike_duration", "recovery_duration",
    "duration",      "ramp_up"};
constexpr std::string_view fault_keys[] = {"at", "duration", "restart_after"};

std::string scale_text(double scale) {
    std::ostringstream out;
    out << scale;
    return out.str();
}

// Exact for a multiple of 100 ms (core::format_duration keeps four digits only).
std::string duration_text(nanoseconds d) {
    return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()) + "ms";
}

// A string value positioned at `where`: toml++ cannot set a node's position, so the value is
// parsed at that line and column (at least column 3, after "v=").
toml::value<std::string> string_at(const toml::source_region& where, const std::string& text) {
    const auto line = std::max<toml::source_index>(where.begin.line, 1);
    const auto column = std::max<toml::source_index>(where.begin.column, 3);
    const std::string doc =
        std::string(line - 1, '\n') + "v" + std::string(column - 3, ' ') + "=\"" + text + "\"";
    auto parsed = toml::parse(doc, where.path ? std::string_view(*where.path) : std::string_view{});
    return std::move(*parsed.get_as<std::string>("v"));
}

class scaler {
public:
    scaler(context& ctx, double scale) : ctx_(ctx), scale_(scale) {}

    // Rewrites the duration at `key` in place: the node keeps its source position.
    void rewrite(toml::table& table, std::string_view key, const std::string& path) const {
        auto* value = table.get_as<std::string>(key);
        if (value == nullptr)
            return;  // absent, or not a string: the section reader reports the type
        const auto parsed = core::parse_duration(value->get());
        if (!parsed)
            return;
        if (auto d = scaled(*parsed, *value, path + "." + std::string(key)))
            value->get() = duration_text(*d);
    }

    // Writes in `key` = the scaled default when it is absent, positioned at the table.
    void fill_default(toml::table& table, std::string_view key, nanoseconds fallback,
                      const std::string& path) const {
        if (table.contains(key))
            return;
        if (auto d = scaled(fallback, table, path + "." + std::string(key)))
            table.insert(key, string_at(table.source(), duration_text(*d)));
    }

private:
    // d × scale on the 100 ms grid: the nearest multiple (halves up), at least 100 ms; zero
    // stays zero.
    std::optional<nanoseconds> scaled(nanoseconds d, const toml::node& at,
                                      const std::string& path) const {
        if (d <= nanoseconds{0})
            return d;
        const double ns = static_cast<double>(d.count()) * scale_;
        if (ns > longest_ns) {
            ctx_.error(at, path + ": " + core::format_duration(d) + " × " + scale_text(scale_) +
                               " (--time-scale) is too long");
            return std::nullopt;
        }
        const double buckets = std::round(ns / static_cast<double>(nanoseconds(bucket).count()));
        return nanoseconds(bucket) * std::max<std::int64_t>(1, static_cast<std::int64_t>(buckets));
    }

    context& ctx_;
    double scale_;
};

// The shape [ramp] names (the default one when absent), or null when it names none.
const ramps::shape_descriptor* shape_of(const toml::table& ramp) {
    const auto* shape = ramp.get("shape");
    if (shape == nullptr)
        return &ramps::default_shape();
    auto name = shape->value<std::string>();
    return name ? ramps::find_shape(*name) : nullptr;
}

void scale_ramp(const scaler& s, toml::table& ramp) {
    for (auto key : ramp_keys)
        s.rewrite(ramp, key, "ramp");
    if (auto* stages = ramp.get_as<toml::array>("stages")) {
        for (std::size_t i = 0; i < stages->size(); ++i) {
            if (auto* stage = stages->get_as<toml::table>(i))
                s.rewrite(*stage, "duration", "ramp.stages." + std::to_string(i));
        }
    }
    // A default the shape has for an absent duration is scaled like a given one.
    if (const auto* shape = shape_of(ramp)) {
        for (const auto& d : shape->defaulted_durations)
            s.fill_default(ramp, d.key, d.value, "ramp");
    }
}

// Each table of the array of tables `key` ([[faults]], [[thresholds]]); other shapes are left
// for the readers to report.
template <class Scale>
void each_table(toml::table& root, std::string_view key, Scale&& scale) {
    auto* array = root.get_as<toml::array>(key);
    if (array == nullptr)
        return;
    for (std::size_t i = 0; i < array->size(); ++i) {
        if (auto* table = array->get_as<toml::table>(i))
            scale(*table, std::string(key) + "." + std::to_string(i));
    }
}

}  // namespace

void apply_time_scale(toml::table& root, context& ctx, double scale) {
    if (scale == 1.0)
        return;
    if (!(scale > 0) || !std::isfinite(scale)) {
        ctx.error(root, "--time-scale: expected a number greater than 0, got " + scale_text(scale));
        return;
    }
    const scaler s(ctx, scale);
    if (auto* ramp = root.get_as<toml::table>("ramp"))
        scale_ramp(s, *ramp);
    each_table(root, "faults", [&](toml::table& fault, const std::string& path) {
        for (auto key : fault_keys)
            s.rewrite(fault, key, path);
    });
    each_table(root, "thresholds", [&](toml::table& threshold, const std::string& path) {
        s.rewrite(threshold, "for", path);
    });
    if (!root.contains("slo"))
        root.insert("slo", toml::table{});
    if (auto* slo = root.get_as<toml::table>("slo")) {
        s.rewrite(*slo, "stable_for", "slo");
        s.fill_default(*slo, "stable_for", slo_spec{}.stable_for, "slo");
    }
}

void note_time_scale(context& ctx, double scale) {
    if (scale == 1.0 || !(scale > 0) || !std::isfinite(scale))
        return;
    ctx.error(toml::source_region{},
              "--time-scale " + scale_text(scale) +
                  ": the durations of the plan, the faults and the recovery were scaled (and "
                  "rounded to 100ms) before these checks; the values below are the scaled ones");
}

}  // namespace faultline::scenario::detail

namespace faultline::scenario {

std::string time_scale_note(double time_scale) {
    const auto scale = detail::scale_text(time_scale);
    return "time scale " + scale + ": durations of the plan, faults and recovery are ×" + scale;
}

}  // namespace faultline::scenario
