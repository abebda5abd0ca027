// The charts over time: timeline.csv's 100 ms buckets per workload, with the faults and steps of
// summary.json drawn over them.
#include <algorithm>
#include <cmath>
#include <functional>

#include "html_sections.hpp"
#include "html_text.hpp"
#include "svg_chart.hpp"

namespace faultline::report::html {
namespace {

using json = nlohmann::json;

constexpr std::size_t max_points = 400;     // per line: a 1 h run has 36,000 buckets
constexpr std::size_t smooth_buckets = 10;  // rates are averaged over 1 s of 100 ms buckets
constexpr double bucket_s = 0.1;

// Where the plotted points come from: bucket [first, last] of a series. Long runs merge
// consecutive buckets into one point (`per_point` of them), so a line never has more than
// max_points points.
struct binning {
    std::size_t per_point = 1;
    std::size_t count(std::size_t n) const { return (n + per_point - 1) / per_point; }
};

double start_of(const std::vector<timeline_point>& p, std::size_t i) {
    return i == 0 ? std::max(0.0, p[0].end_s - bucket_s) : p[i - 1].end_s;
}

// Rates at the end of each bin, over a trailing window of at least 1 s:
//   buckets  |..|..|..|..|..|..|..|..|..|..|..|
//   window            [-------- 10 --------]^ bin end
using rate_fn = std::function<std::optional<double>(const timeline_point& sum, double seconds)>;

std::vector<svg::point> trailing_rate(const std::vector<timeline_point>& p, const binning& b,
                                      const rate_fn& rate) {
    std::vector<svg::point> out;
    const std::size_t window = std::max(smooth_buckets, b.per_point);
    for (std::size_t bin = 0; bin < b.count(p.size()); ++bin) {
        const std::size_t last = std::min(p.size(), (bin + 1) * b.per_point) - 1;
        const std::size_t first = last + 1 >= window ? last + 1 - window : 0;
        timeline_point sum;
        for (std::size_t i = first; i <= last; ++i) {
            sum.sent += p[i].sent;
            sum.ok += p[i].ok;
            sum.errors += p[i].errors;
        }
        const auto value = rate(sum, p[last].end_s - start_of(p, first));
        if (value)
            out.push_back({p[last].end_s, *value});
    }
    return out;
}

// The highest latency of each bin's buckets that had requests (an empty bucket has no latency).
std::vector<svg::point> worst_latency(const std::vector<timeline_point>& p, const binning& b,
                                      double timeline_point::*field) {
    std::vector<svg::point> out;
    for (std::size_t bin = 0; bin < b.count(p.size()); ++bin) {
        const std::size_t first = bin * b.per_point;
        const std::size_t last = std::min(p.size(), first + b.per_point) - 1;
        std::optional<double> worst;
        for (std::size_t i = first; i <= last; ++i)
            if (p[i].sent > 0)
                worst = std::max(worst.value_or(0.0), p[i].*field);
        if (worst)
            out.push_back({p[last].end_s, *worst});
    }
    return out;
}

struct chart_spec {
    const char* id;
    const char* title;
    const char* y_label;
    const char* note;
    std::function<std::vector<svg::point>(const std::vector<timeline_point>&, const binning&)>
        points;
};

std::vector<chart_spec> chart_specs() {
    const auto throughput = [](const timeline_point& s, double seconds) -> std::optional<double> {
        if (!(seconds > 0))
            return std::nullopt;
        return static_cast<double>(s.ok) / seconds;
    };
    const auto error_rate = [](const timeline_point& s, double) -> std::optional<double> {
        return s.sent == 0 ? 0.0
                           : 100.0 * static_cast<double>(s.errors) / static_cast<double>(s.sent);
    };
    return {
        {"throughput", "Throughput", "ok responses/s",
         "successful responses per second, a trailing 1 s average of the 100 ms buckets",
         [=](const auto& p, const auto& b) { return trailing_rate(p, b, throughput); }},
        {"error-rate", "Error rate", "errors, % of sent", "errors / sent over a trailing 1 s",
         [=](const auto& p, const auto& b) { return trailing_rate(p, b, error_rate); }},
        {"p50", "p50 latency", "ms",
         "per 100 ms bucket (where buckets are merged into one point, the highest)",
         [](const auto& p, const auto& b) { return worst_latency(p, b, &timeline_point::p50_ms); }},
        {"p99", "p99 latency", "ms",
         "per 100 ms bucket (where buckets are merged into one point, the highest)",
         [](const auto& p, const auto& b) { return worst_latency(p, b, &timeline_point::p99_ms); }},
    };
}

// Workloads in timeline order, then those only the summary knows (no buckets: an empty line).
std::vector<const timeline_series*> workloads_of(const json& summary, const timeline_rows& timeline,
                                                 std::vector<timeline_series>& extra) {
    const auto known = [&](const std::string& name) {
        return std::any_of(timeline.series.begin(), timeline.series.end(),
                           [&](const timeline_series& s) { return s.workload == name; });
    };
    const auto it = summary.find("workloads");
    if (it != summary.end() && it->is_object())
        for (const auto& [name, totals] : it->items())
            if (!known(name))
                extra.push_back({name, {}});
    std::vector<const timeline_series*> all;
    for (const auto& s : timeline.series)
        all.push_back(&s);
    for (const auto& s : extra)
        all.push_back(&s);
    return all;
}

// Faults as bands, step starts as markers: the same over every chart.
void add_context(const json& summary, svg::line_chart& chart) {
    const double run_end = chart.x_max.value_or(0);
    for (const auto& f : array_of(summary, "faults")) {
        const double from = number_of(f, "start_s", number_of(f, "requested_start_s"));
        const double to = number_of(f, "end_s", number_of(f, "requested_end_s", run_end));
        chart.bands.push_back({from, to, string_of(f, "name", "fault")});
    }
    chart.band_legend = "fault (applied to removed)";
    for (const auto& s : array_of(summary, "steps")) {
        const double at = number_of(s, "start_s");
        const double level = number_of(s, "level");
        if (at > chart.x_min)
            chart.markers.push_back({at, "L" + fixed(level, level == std::floor(level) ? 0 : 1)});
    }
    chart.marker_legend = "step start (Lnn: level)";
}

std::optional<double> x_end(const json& summary, const std::vector<const timeline_series*>& all) {
    double end = number_of(summary, "duration_s");
    for (const auto* s : all)
        if (!s->points.empty())
            end = std::max(end, s->points.back().end_s);
    return end > 0 ? std::optional<double>(end) : std::nullopt;
}

}  // namespace

std::string time_charts_section(const json& summary, const timeline_rows& timeline) {
    std::string out = "<section id=\"timeline\">\n<h2>Over time</h2>\n";
    if (!timeline.present) {
        for (const auto& spec : chart_specs())
            out += "<figure class=\"chart\" data-chart=\"" + std::string(spec.id) +
                   "\"><figcaption>" + spec.title +
                   "</figcaption><p class=\"note\">no timeline.csv in this results folder: "
                   "nothing to chart</p></figure>\n";
        return out + "</section>\n";
    }
    if (!timeline.notes.empty()) {
        out += "<ul class=\"notes\">\n";
        for (const auto& n : timeline.notes)
            out += "<li>" + escape(n) + "</li>\n";
        out += "</ul>\n";
    }
    std::vector<timeline_series> extra;
    const auto all = workloads_of(summary, timeline, extra);
    std::size_t longest = 0;
    for (const auto* s : all)
        longest = std::max(longest, s->points.size());
    const binning bins{std::max<std::size_t>(1, (longest + max_points - 1) / max_points)};
    for (const auto& spec : chart_specs()) {
        svg::line_chart chart;
        chart.id = spec.id;
        chart.title = spec.title;
        chart.x_label = "seconds since the start";
        chart.y_label = spec.y_label;
        chart.x_max = x_end(summary, all);
        chart.note = spec.note;
        add_context(summary, chart);
        for (const auto* s : all) {
            svg::series line;
            line.label = s->workload;
            line.workload = s->workload;
            line.points = spec.points(s->points, bins);
            chart.lines.push_back(std::move(line));
        }
        out += svg::render(chart);
    }
    return out + "</section>\n";
}

}  // namespace faultline::report::html
