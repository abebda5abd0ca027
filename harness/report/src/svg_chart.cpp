#include "svg_chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/core.h>

#include "html_text.hpp"

namespace faultline::report::svg {
namespace {

// The drawing's coordinate system (the viewBox); the SVG scales to the page width.
constexpr double width = 800;
constexpr double height = 280;
constexpr double left = 72;
constexpr double right = width - 16;
constexpr double top = 28;
constexpr double bottom = height - 44;
constexpr double min_label_gap = 40;  // marker labels closer than this to the last one are dropped

// Colour-blind-safe enough (Tableau 10), distinct on white.
constexpr std::array<const char*, 10> colours{"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd",
                                              "#8c564b", "#e377c2", "#17becf", "#bcbd22",
                                              "#7f7f7f", "#d62728"};

struct axis {
    double min = 0;
    double max = 1;
    double step = 1;
};

// A 1-2-5 step giving about five ticks over [0, span].
double nice_step(double span) {
    if (!(span > 0) || !std::isfinite(span))
        return 1;
    const double raw = span / 5;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double norm = raw / magnitude;
    const double factor = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
    return factor * magnitude;
}

// The multiples of `step` within [min, max], computed (not accumulated) so they stay exact;
// never more than max_ticks (a nice step gives about five).
std::vector<double> ticks(double min, double max, double step) {
    constexpr std::size_t max_ticks = 20;
    std::vector<double> out;
    if (!std::isfinite(min) || !std::isfinite(max) || !(step > 0))
        return out;
    const double first = std::ceil(min / step - 1e-9);
    for (std::size_t k = 0; k < max_ticks; ++k) {
        const double v = (first + static_cast<double>(k)) * step;
        if (v > max + step * 1e-9)
            break;
        out.push_back(v);
    }
    return out;
}

int decimals_for(double step) {
    return step >= 1 ? 0 : std::clamp(static_cast<int>(std::ceil(-std::log10(step))), 0, 6);
}

std::string num(double v) {
    return html::fixed(v, 1);
}

double data_max_x(const line_chart& c) {
    double m = c.x_min;
    for (const auto& s : c.lines)
        for (const auto& p : s.points)
            if (std::isfinite(p.x))
                m = std::max(m, p.x);
    return m;
}

double data_max_y(const line_chart& c) {
    double m = 0;
    for (const auto& s : c.lines)
        for (const auto& p : s.points)
            if (std::isfinite(p.y))
                m = std::max(m, p.y);
    for (const auto& k : c.callouts)
        if (std::isfinite(k.at.y))
            m = std::max(m, k.at.y);
    return m;
}

// Data to drawing coordinates; values outside the axes (or not finite) are pinned to an edge, so
// every coordinate written is a finite number the browser accepts.
struct frame {
    axis x;
    axis y;
    static double fraction(double v, const axis& a) {
        const double span = a.max > a.min ? a.max - a.min : 1;
        return std::isfinite(v) ? (std::clamp(v, a.min, a.max) - a.min) / span : 0;
    }
    double sx(double v) const { return left + fraction(v, x) * (right - left); }
    double sy(double v) const { return bottom - fraction(v, y) * (bottom - top); }
};

frame frame_of(const line_chart& c) {
    frame f;
    f.x.min = c.x_min;
    f.x.max = std::max(c.x_max.value_or(data_max_x(c)), c.x_min + 1e-9);
    if (!std::isfinite(f.x.max))
        f.x.max = c.x_min + 1;
    f.x.step = nice_step(f.x.max - f.x.min);
    const double ymax = data_max_y(c);
    f.y.step = nice_step(ymax > 0 ? ymax : 1);
    f.y.max = std::max(f.y.step, std::ceil(ymax / f.y.step) * f.y.step);
    return f;
}

std::string axes(const line_chart& c, const frame& f) {
    std::string out = "<g class=\"axes\" font-size=\"11\" fill=\"#444\">\n";
    const int yd = decimals_for(f.y.step);
    for (const double v : ticks(f.y.min, f.y.max, f.y.step)) {
        const auto y = num(f.sy(v));
        out += fmt::format(
            "<line class=\"grid\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#e5e5e5\"/>"
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" dominant-baseline=\"middle\">{}</text>\n",
            num(left), y, num(right), y, num(left - 6), y, html::fixed(v, yd));
    }
    const int xd = decimals_for(f.x.step);
    for (const double v : ticks(f.x.min, f.x.max, f.x.step)) {
        const auto x = num(f.sx(v));
        out += fmt::format(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#444\"/>"
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" dominant-baseline=\"hanging\">{}"
            "</text>\n",
            x, num(bottom), x, num(bottom + 5), x, num(bottom + 8), html::fixed(v, xd));
    }
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#444\"/>"
        "<line x1=\"{0}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\" stroke=\"#444\"/>\n",
        num(left), num(top), num(bottom), num(right));
    out += fmt::format(
        "<text class=\"axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
        num((left + right) / 2), num(height - 8), html::escape(c.x_label));
    out += fmt::format(
        "<text class=\"axis-title\" x=\"14\" y=\"{0}\" text-anchor=\"middle\" "
        "transform=\"rotate(-90 14 {0})\">{1}</text>\n",
        num((top + bottom) / 2), html::escape(c.y_label));
    return out + "</g>\n";
}

std::string bands_and_markers(const line_chart& c, const frame& f) {
    std::string out;
    for (const auto& b : c.bands) {
        const double x0 = f.sx(b.from);
        const double x1 = std::max(f.sx(b.to), x0 + 1);
        out += fmt::format(
            "<rect class=\"band\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f5a623\" "
            "fill-opacity=\"0.18\"/><text class=\"band-label\" x=\"{}\" y=\"{}\" font-size=\"11\" "
            "fill=\"#a0620a\">{}</text>\n",
            num(x0), num(top), num(x1 - x0), num(bottom - top), num(x0 + 3), num(top + 12),
            html::escape(b.label));
    }
    double last_label = -min_label_gap;
    for (const auto& m : c.markers) {
        const double x = f.sx(m.at);
        out += fmt::format(
            "<line class=\"marker\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#888\" "
            "stroke-dasharray=\"4 3\"/>\n",
            num(x), num(top), num(bottom));
        if (!m.label.empty() && x - last_label >= min_label_gap) {
            out += fmt::format(
                "<text class=\"marker-label\" x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#666\" "
                "text-anchor=\"middle\">{}</text>\n",
                num(x), num(top - 6), html::escape(m.label));
            last_label = x;
        }
    }
    return out;
}

std::string line_of(const series& s, std::size_t index, const frame& f) {
    const std::string colour = s.color.empty() ? palette(index) : s.color;
    std::string points;
    std::string dots;
    for (const auto& p : s.points) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y))
            continue;
        const auto xy = num(f.sx(p.x)) + "," + num(f.sy(p.y));
        points += (points.empty() ? "" : " ") + xy;
        if (s.dots)
            dots += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{}\"/>", num(f.sx(p.x)),
                                num(f.sy(p.y)), colour);
    }
    const std::string identity =
        s.workload ? "class=\"series\" data-workload=\"" + html::escape(*s.workload) + "\""
                   : "class=\"" + html::escape(s.css_class) + "\"";
    return fmt::format(
        "<polyline {} fill=\"none\" stroke=\"{}\" stroke-width=\"2\" stroke-linejoin=\"round\"{} "
        "points=\"{}\"/>{}\n",
        identity, colour, s.dashed ? " stroke-dasharray=\"6 4\"" : "", points, dots);
}

std::string callouts(const line_chart& c, const frame& f) {
    std::string out;
    for (const auto& k : c.callouts) {
        const double x = f.sx(k.at.x);
        const double y = f.sy(k.at.y);
        const bool right_half = x > (left + right) / 2;
        out += fmt::format(
            "<circle class=\"callout\" cx=\"{}\" cy=\"{}\" r=\"6\" fill=\"none\" stroke=\"{}\" "
            "stroke-width=\"2\"/><text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"{}\" "
            "text-anchor=\"{}\">{}</text>\n",
            num(x), num(y), k.color, num(right_half ? x - 9 : x + 9),
            num(std::max(y - 9, top + 10)), k.color, right_half ? "end" : "start",
            html::escape(k.label));
    }
    return out;
}

std::string legend(const line_chart& c) {
    std::string out = "<ul class=\"legend\">";
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
        const auto& s = c.lines[i];
        const std::string colour = s.color.empty() ? palette(i) : s.color;
        out += fmt::format("<li><span class=\"swatch{}\" style=\"border-color:{}\"></span>{}</li>",
                           s.dashed ? " dashed" : "", colour, html::escape(s.label));
    }
    if (!c.bands.empty() && !c.band_legend.empty())
        out += "<li><span class=\"swatch band\"></span>" + html::escape(c.band_legend) + "</li>";
    if (!c.markers.empty() && !c.marker_legend.empty())
        out +=
            "<li><span class=\"swatch marker\"></span>" + html::escape(c.marker_legend) + "</li>";
    return out + "</ul>\n";
}

}  // namespace

std::string palette(std::size_t i) {
    return colours[i % colours.size()];
}

std::string render(const line_chart& c) {
    const auto f = frame_of(c);
    // The caption repeats the y axis's unit: narrow screens hide the axis titles.
    const auto caption = c.y_label.empty() ? c.title : c.title + " (" + c.y_label + ")";
    std::string out = fmt::format(
        "<figure class=\"chart\" data-chart=\"{}\">\n<figcaption>{}</figcaption>\n"
        "<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" font-family=\"sans-serif\">\n",
        html::escape(c.id), html::escape(caption), html::fixed(width, 0), html::fixed(height, 0),
        html::escape(caption));
    out += bands_and_markers(c, f);
    out += axes(c, f);
    const bool empty = std::all_of(c.lines.begin(), c.lines.end(),
                                   [](const series& s) { return s.points.empty(); });
    if (empty)
        out += fmt::format(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#888\">no data</text>\n",
            num((left + right) / 2), num((top + bottom) / 2));
    for (std::size_t i = 0; i < c.lines.size(); ++i)
        out += line_of(c.lines[i], i, f);
    out += callouts(c, f);
    out += "</svg>\n" + legend(c);
    if (!c.note.empty())
        out += "<p class=\"note\">" + html::escape(c.note) + "</p>\n";
    return out + "</figure>\n";
}

}  // namespace faultline::report::svg
