// The steps of the ramp: the table, the breaking-point findings and the throughput curve.
#include <algorithm>
#include <cmath>

#include <faultline/ramps/usl_fit.hpp>

#include "html_sections.hpp"
#include "html_text.hpp"
#include "svg_chart.hpp"

namespace faultline::report::html {
namespace {

using json = nlohmann::json;

constexpr std::size_t usl_samples = 80;

bool same_level(double a, double b) {
    return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)});
}

std::string level_text(double level) {
    return fixed(level, level == std::floor(level) ? 0 : 2);
}

const json& object_at(const json& j, const char* key) {
    static const json none;
    const auto it = j.find(key);
    return it != j.end() && it->is_object() ? *it : none;
}

// The index of the step that broke (the first failing step at the breaking point's level).
std::optional<std::size_t> breaking_step(const json& steps, const json& bp) {
    if (!bp.value("found", false) || !bp.contains("level") || !bp["level"].is_number())
        return std::nullopt;
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (!steps[i].value("passed", true) &&
            same_level(number_of(steps[i], "level"), bp["level"]))
            return i;
    return std::nullopt;
}

std::optional<std::size_t> capacity_step(const json& steps, const json& bp) {
    const auto& capacity = object_at(bp, "capacity");
    if (capacity.is_null())
        return std::nullopt;
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (steps[i].value("passed", false) &&
            same_level(number_of(steps[i], "level"), number_of(capacity, "level")))
            found = i;  // the last passing step at that level
    return found;
}

std::string value_with_unit(double value, const std::string& unit) {
    if (unit == "fraction" || unit == "ratio")
        return fixed(100 * value, 3) + "%";
    if (unit == "ms")
        return fixed(value, 3) + " ms";
    return fixed(value, 3) + (unit.empty() || unit == "count" ? "" : " " + unit);
}

std::string tripped_text(const json& step) {
    std::string out;
    for (const auto& t : array_of(step, "tripped")) {
        const auto unit = string_of(t, "unit");
        out += (out.empty() ? "" : "; ") + string_of(t, "criterion", "?") + " " +
               value_with_unit(number_of(t, "value"), unit) + " (limit " +
               value_with_unit(number_of(t, "limit"), unit) + ")";
        if (t.contains("at_s") && t["at_s"].is_number())
            out += " at " + fixed(t["at_s"].get<double>(), 1) + " s";
    }
    return out;
}

std::string steps_table(const json& steps, const json& bp) {
    const auto broke = breaking_step(steps, bp);
    const auto held = capacity_step(steps, bp);
    table t({"#", "phase", "level", "offered/s", "throughput/s", "error rate", "p50 ms", "p99 ms",
             "max ms", "passed", "tripped", "notes"},
            "steps");
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto& s = steps[i];
        std::string notes;
        std::string row_class = s.value("passed", true) ? "" : "failed";
        if (broke == i) {
            notes = "breaking point (" + string_of(bp, "criterion", "?") + ")";
            row_class = "breaking";
        }
        if (held == i)
            notes = "capacity";
        if (s.value("generator_bound", false))
            notes += (notes.empty() ? "" : ", ") + std::string("generator-bound (") +
                     string_of(s, "generator_limit", "?") + ")";
        if (s.value("probe", false))
            notes += (notes.empty() ? "" : ", ") + std::string("refinement probe");
        if (!s.value("judged", true))
            notes += (notes.empty() ? "" : ", ") + std::string("not judged");
        if (s.value("interrupted", false))
            notes += (notes.empty() ? "" : ", ") + std::string("interrupted");
        t.row({field(s, "index", 0), string_of(s, "phase", "step"),
               level_text(number_of(s, "level")), field(s, "offered_rps", 1),
               field(s, "throughput_rps", 1), fixed(100 * number_of(s, "error_rate"), 2) + "%",
               field(s, "p50_ms", 2), field(s, "p99_ms", 2), field(s, "max_ms", 2),
               field(s, "passed"), tripped_text(s), notes},
              row_class);
    }
    return t.str();
}

std::string usl_text(const json& usl) {
    if (!usl.value("fitted", false)) {
        const auto reason = string_of(usl, "reason");
        return "Universal Scalability Law: not fitted" + (reason.empty() ? "" : ": " + reason);
    }
    std::string out = "Universal Scalability Law fit X(N) = λN / (1 + σ(N−1) + κN(N−1)): σ = " +
                      field(usl, "sigma", 4) + ", κ = " + field(usl, "kappa", 6) +
                      ", λ = " + field(usl, "lambda", 2) + "/s";
    if (usl.contains("peak_level") && usl["peak_level"].is_number())
        out += ", peak at level " + field(usl, "peak_level", 1) + " (" +
               field(usl, "peak_throughput", 1) + "/s)";
    return out + ", R² = " + field(usl, "r2", 3) + ", from " + field(usl, "steps", 0) + " steps";
}

std::string findings(const json& bp) {
    std::vector<std::string> lines;
    if (bp.value("found", false))
        lines.push_back("Breaking point: level " + level_text(number_of(bp, "level")) + " (" +
                        string_of(bp, "criterion", "?") + ")");
    else
        lines.push_back("Breaking point: not found within the ramp");
    if (bp.value("generator_bound", false))
        lines.push_back("The generator was the bottleneck: not the target's capacity");
    if (const auto& c = object_at(bp, "capacity"); !c.is_null())
        lines.push_back("Capacity: level " + level_text(number_of(c, "level")) + " at " +
                        field(c, "throughput_rps", 1) + "/s");
    if (const auto& r = object_at(bp, "refined"); !r.is_null())
        lines.push_back("Refined: capacity level " +
                        level_text(number_of(object_at(r, "capacity"), "level")) + " at " +
                        field(object_at(r, "capacity"), "throughput_rps", 1) +
                        "/s, first failing level " + level_text(number_of(r, "level")) + ", " +
                        field(r, "probes", 0) + " probes, converged: " + field(r, "converged"));
    if (const auto& k = object_at(bp, "knee"); !k.is_null())
        lines.push_back("Knee: level " + level_text(number_of(k, "level")) + " at " +
                        field(k, "throughput_rps", 1) + "/s (then load +" +
                        fixed(100 * number_of(k, "next_load_growth"), 1) + "%, throughput +" +
                        fixed(100 * number_of(k, "next_throughput_growth"), 1) + "%)");
    if (const auto& p = object_at(bp, "power_peak"); !p.is_null())
        lines.push_back("Power peak (throughput / mean latency): level " +
                        level_text(number_of(p, "level")));
    if (const auto& u = object_at(bp, "usl"); !u.is_null())
        lines.push_back(usl_text(u));
    std::string out = "<ul class=\"findings\">\n";
    for (const auto& l : lines)
        out += "<li>" + escape(l) + "</li>\n";
    return out + "</ul>\n";
}

std::vector<svg::point> usl_curve(const json& usl, double max_level) {
    ramps::usl_fit fit;
    fit.lambda = number_of(usl, "lambda");
    fit.sigma = number_of(usl, "sigma");
    fit.kappa = number_of(usl, "kappa");
    std::vector<svg::point> out;
    for (std::size_t i = 0; i <= usl_samples; ++i) {
        const double n = 1 + (max_level - 1) * static_cast<double>(i) / usl_samples;
        out.push_back({n, fit.throughput_at(n)});
    }
    return out;
}

// Points that coincide (the knee is often the capacity step) share one circle and one label.
void add_callout(svg::line_chart& chart, svg::callout c) {
    for (auto& k : chart.callouts)
        if (same_level(k.at.x, c.at.x) && same_level(k.at.y, c.at.y)) {
            k.label += ", " + c.label;
            return;
        }
    chart.callouts.push_back(std::move(c));
}

std::string capacity_chart(const json& steps, const json& bp) {
    svg::series measured;
    measured.label = "throughput at each level";
    measured.dots = true;
    for (const auto& s : steps)
        if (s.value("judged", true))
            measured.points.push_back({number_of(s, "level"), number_of(s, "throughput_rps")});
    std::sort(measured.points.begin(), measured.points.end(),
              [](const svg::point& a, const svg::point& b) { return a.x < b.x; });
    if (measured.points.size() < 2)
        return {};
    svg::line_chart chart;
    chart.id = "capacity";
    chart.title = "Throughput versus level";
    chart.x_label = "level";
    chart.y_label = "throughput/s";
    chart.x_max = measured.points.back().x;
    chart.lines.push_back(std::move(measured));
    if (const auto& usl = object_at(bp, "usl"); usl.value("fitted", false)) {
        chart.lines.push_back(
            {"USL fit", std::nullopt, "fit", usl_curve(usl, *chart.x_max), "#555555", true, false});
    }
    if (const auto broke = breaking_step(steps, bp))
        add_callout(
            chart, {{number_of(steps[*broke], "level"), number_of(steps[*broke], "throughput_rps")},
                    "breaking point",
                    "#d62728"});
    if (const auto held = capacity_step(steps, bp))
        add_callout(chart,
                    {{number_of(steps[*held], "level"), number_of(steps[*held], "throughput_rps")},
                     "capacity",
                     "#2e7d32"});
    if (const auto& k = object_at(bp, "knee"); !k.is_null())
        add_callout(chart,
                    {{number_of(k, "level"), number_of(k, "throughput_rps")}, "knee", "#e67e00"});
    chart.note = "judged steps only; the dashed line is the fitted model when there is one";
    return svg::render(chart);
}

}  // namespace

std::string steps_section(const json& summary) {
    const auto& steps = array_of(summary, "steps");
    if (steps.empty())
        return {};
    const auto& bp = object_at(summary, "breaking_point");
    return "<section id=\"steps\">\n<h2>Steps and breaking point</h2>\n" + findings(bp) +
           steps_table(steps, bp) + capacity_chart(steps, bp) + "</section>\n";
}

}  // namespace faultline::report::html
