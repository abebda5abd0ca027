#pragma once
// A line chart as inline SVG for report.html: axes with ticks, a legend, shaded bands (faults)
// and vertical markers (step boundaries). No script, no external reference; the same chart
// always renders to the same text.
#include <optional>
#include <string>
#include <vector>

namespace faultline::report::svg {

struct point {
    double x = 0;
    double y = 0;
};

/// One line. A per-workload line carries `workload`, rendered as class="series"
/// data-workload="NAME" (what tests count); other lines use `css_class`.
struct series {
    std::string label;                    ///< legend text (plain text; escaped when rendered)
    std::optional<std::string> workload;  ///< set: a per-workload series
    std::string css_class = "curve";      ///< used when `workload` is not set
    std::vector<point> points;            ///< in x order; non-finite points are skipped
    std::string color;                    ///< empty: the palette colour of its index
    bool dashed = false;                  ///< e.g. a fitted model
    bool dots = false;                    ///< mark every point with a dot
};

/// A shaded x range, labelled at its top (a fault's span).
struct band {
    double from = 0;
    double to = 0;
    std::string label;
};

/// A vertical line at x, labelled at the top when there is room (a step boundary).
struct marker {
    double at = 0;
    std::string label;
};

/// A highlighted point with a label (the knee, the breaking point).
struct callout {
    point at;
    std::string label;
    std::string color = "#d62728";
};

struct line_chart {
    std::string id;  ///< data-chart attribute of the <figure>
    std::string title;
    std::string x_label;
    std::string y_label;
    double x_min = 0;
    std::optional<double> x_max;  ///< unset: the largest x of the data
    std::vector<series> lines;
    std::vector<band> bands;
    std::string band_legend;  ///< legend text of the bands, e.g. "fault"
    std::vector<marker> markers;
    std::string marker_legend;  ///< legend text of the markers, e.g. "step boundary"
    std::vector<callout> callouts;
    std::string note;  ///< a line of text under the chart (smoothing, sources)
};

/// The palette colour of the i-th series (cycles after 10).
std::string palette(std::size_t i);

/// `<figure class="chart" data-chart="ID">`: caption, the SVG (viewBox, scales to the width),
/// the legend and the note.
std::string render(const line_chart& chart);

}  // namespace faultline::report::svg
