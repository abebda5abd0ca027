// report.html: one self-contained page (inline CSS and SVG, no script, no external reference)
// rendered from summary.json and timeline.csv. The verdict comes first, then what ran, the charts
// over time, the steps, the faults and the thresholds.
#include <faultline/report/summary_renderers.hpp>

#include "builtin_writers.hpp"
#include "host_name.hpp"
#include "html_sections.hpp"
#include "html_text.hpp"

namespace faultline::report {
namespace {

using json = nlohmann::json;

constexpr const char* style = R"(
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
  margin: 0 auto; padding: 0 12px 40px; max-width: 1100px; background: #fff; }
h1 { font-size: 1.5em; margin: 16px 0 8px; overflow-wrap: anywhere; }
h2 { font-size: 1.2em; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 1.05em; margin: 18px 0 6px; overflow-wrap: anywhere; }
h3 small { font-weight: normal; color: #666; }
.verdict { border-radius: 6px; padding: 10px 16px; margin: 8px 0 16px; border: 2px solid; }
.verdict h2 { border: 0; margin: 0 0 4px; font-size: 1.6em; letter-spacing: 0.04em; }
.verdict ul { margin: 4px 0; padding-left: 20px; }
.verdict.pass { background: #e8f6ea; border-color: #2e7d32; color: #1b5e20; }
.verdict.fail { background: #fdecea; border-color: #c62828; color: #8e1414; }
.verdict.invalid, .verdict.unknown { background: #fff4e0; border-color: #e69500; color: #7a4d00; }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 8px 0; }
table { border-collapse: collapse; font-size: 0.9em; white-space: nowrap; }
th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; }
th { background: #f4f4f4; }
td { font-variant-numeric: tabular-nums; }
table.meta td:first-child { color: #555; white-space: nowrap; min-width: 0; }
table.meta td { white-space: normal; overflow-wrap: anywhere; }
table.steps td:nth-child(11), td:last-child { white-space: normal; min-width: 10em; }
tr.failed td { background: #fff6f5; }
tr.breaking td { background: #fdecea; font-weight: 600; }
tr.overall td { font-weight: 600; }
tr.passed td:nth-child(6) { color: #2e7d32; }
tr.failed td:nth-child(6) { color: #c62828; font-weight: 600; }
figure.chart { margin: 14px 0 22px; }
figure.chart figcaption { font-weight: 600; margin-bottom: 2px; }
figure.chart svg { width: 100%; height: auto; display: block; background: #fff; }
ul.legend { list-style: none; padding: 0; margin: 4px 0; display: flex; flex-wrap: wrap;
  gap: 4px 16px; font-size: 0.85em; }
ul.legend li { overflow-wrap: anywhere; }
.swatch { display: inline-block; width: 18px; height: 0; border-top: 3px solid; margin-right: 6px;
  vertical-align: middle; }
.swatch.dashed { border-top-style: dashed; }
.swatch.band { height: 10px; border: 0; background: rgba(245, 166, 35, 0.35); }
.swatch.marker { width: 0; height: 12px; border: 0; border-left: 2px dashed #888; }
.note, ul.notes { color: #666; font-size: 0.85em; }
p.passed { color: #2e7d32; } p.failed, .cascade.bad { color: #c62828; font-weight: 600; }
.cascade.ok { color: #2e7d32; }
footer { margin-top: 32px; color: #888; font-size: 0.8em; }
@media (max-width: 600px) {
  figure.chart svg text { font-size: 22px; }
  figure.chart svg .axis-title { display: none; }
  figure.chart svg polyline { stroke-width: 4; }
}
)";

std::string verdict_section(const json& summary) {
    std::string verdict = html::string_of(summary, "verdict", "unknown");
    const std::string css =
        verdict == "pass" || verdict == "fail" || verdict == "invalid" ? verdict : "unknown";
    std::string out = "<section id=\"verdict\" class=\"verdict " + css + "\">\n<h2>" +
                      html::escape(verdict == "unknown" ? "NO VERDICT" : verdict) + "</h2>\n";
    const auto& reasons = html::array_of(summary, "reasons");
    if (reasons.empty())
        return out + "<p>" +
               (verdict == "pass" ? "every threshold, SLO and check held" : "no reasons given") +
               "</p>\n</section>\n";
    out += "<ul class=\"reasons\">\n";
    for (const auto& r : reasons)
        out += "<li>" + html::escape(r.is_string() ? r.get<std::string>() : r.dump()) + "</li>\n";
    return out + "</ul>\n</section>\n";
}

std::string totals_text(const json& summary) {
    const auto t = summary.find("totals");
    if (t == summary.end() || !t->is_object())
        return {};
    std::uint64_t errors = 0;
    if (const auto e = t->find("errors"); e != t->end() && e->is_object())
        for (const auto& [kind, n] : e->items())
            errors += n.is_number_unsigned() ? n.get<std::uint64_t>() : 0;
    return "sent " + html::field(*t, "sent", 0) + ", ok " + html::field(*t, "ok", 0) + ", errors " +
           std::to_string(errors) + ", cancelled " + html::field(*t, "cancelled", 0) + ", missed " +
           html::field(*t, "missed", 0);
}

std::string run_section(const json& summary, const render_context& context) {
    html::table t({}, "meta");
    t.row({"scenario", html::string_of(summary, "scenario", "-")});
    t.row({"started at", html::string_of(summary, "started_at", "-")});
    t.row({"duration", html::field(summary, "duration_s", 1, " s")});
    if (summary.value("interrupted", false))
        t.row({"interrupted", "yes: the results are partial"});
    t.row({"faultline version", html::string_of(summary, "version", "-")});
    t.row({"model", html::string_of(summary, "model", "-")});
    t.row({"host", context.host.empty() ? this_host_name() : context.host});
    if (!context.scenario_hash.empty())
        t.row({"scenario hash (FNV-1a 64)", context.scenario_hash});
    if (summary.contains("seed") && !summary["seed"].is_null())
        t.row({"seed", summary["seed"].is_string() ? summary["seed"].get<std::string>()
                                                   : summary["seed"].dump()});
    if (const auto totals = totals_text(summary); !totals.empty())
        t.row({"requests", totals});
    return "<section id=\"run\">\n<h2>Run</h2>\n" + t.str() + "</section>\n";
}

}  // namespace

std::string render_html_report(const json& summary, const timeline_rows& timeline,
                               const render_context& context) {
    const auto scenario = html::escape(html::string_of(summary, "scenario", "run"));
    const auto verdict = html::escape(html::string_of(summary, "verdict", "no verdict"));
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>faultline: " +
        scenario + ": " + verdict + "</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>" +
        style + "</style>\n</head>\n<body>\n<h1>faultline report: " + scenario + "</h1>\n";
    out += verdict_section(summary);
    out += run_section(summary, context);
    out += html::time_charts_section(summary, timeline);
    out += html::steps_section(summary);
    out += html::phases_section(summary);
    out += html::faults_section(summary);
    out += html::thresholds_section(summary);
    out += html::min_capacity_section(summary);
    out +=
        "<footer>rendered by faultline from summary.json and timeline.csv; "
        "<code>faultline report DIR</code> renders it again</footer>\n</body>\n</html>\n";
    return out;
}

const results_writer report_html_writer{"report.html", nullptr, [](const folder_input& input) {
                                            return render_html_report(input.summary, input.timeline,
                                                                      input.context);
                                        }};

}  // namespace faultline::report
