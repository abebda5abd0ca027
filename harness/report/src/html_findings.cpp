// The findings after the steps: each fault's recovery, the cascade, thresholds, min_capacity.
#include "html_sections.hpp"
#include "html_text.hpp"

namespace faultline::report::html {
namespace {

using json = nlohmann::json;

// Recovery figures have a resolution of one 100 ms bucket; fault times are measured to the ms.
std::string seconds(const json& j, const char* key, int decimals = 1) {
    return field(j, key, decimals, " s");
}

std::vector<std::string> recovery_cells(const std::string& who, const json& r) {
    const bool recovered = r.value("recovered", false);
    const bool affected =
        r.value("affected", r.contains("time_to_detect_s") && r["time_to_detect_s"].is_number());
    return {who,
            affected ? "yes" : "no",
            seconds(r, "time_to_impact_s"),
            seconds(r, "time_to_detect_s"),
            recovered ? seconds(r, "time_to_recover_s") : std::string("not recovered"),
            seconds(r, "outage_s"),
            field(r, "lost", 0),
            field(r, "relapses", 0)};
}

std::string fault_block(const json& f) {
    std::string out = "<h3>" + escape(string_of(f, "name", "fault")) + " <small>" +
                      escape(string_of(f, "kind")) +
                      (f.contains("target") && f["target"].is_string()
                           ? " on " + escape(f["target"].get<std::string>())
                           : std::string()) +
                      "</small></h3>\n";
    std::string when = "requested " + seconds(f, "requested_start_s", 3) + " to " +
                       seconds(f, "requested_end_s", 3) + "; applied at " +
                       seconds(f, "start_s", 3) + ", in effect at " + seconds(f, "effective_s", 3) +
                       ", removed at " + seconds(f, "end_s", 3);
    if (f.value("removed_at_run_end", false))
        when += " (at the run's end)";
    if (!f.value("took_effect", true))
        when += "; it did not take effect";
    if (f.contains("error") && f["error"].is_string())
        when += "; error: " + f["error"].get<std::string>();
    out += "<p>" + escape(when) + "</p>\n";
    const auto overall = f.find("overall");
    if (overall == f.end() || !overall->is_object())
        return out + "<p class=\"note\">recovery not analysed</p>\n";
    table t({"workload", "affected", "time to impact", "time to detect", "time to recover",
             "outage", "lost", "relapses"},
            "recovery");
    auto all = *overall;
    all["affected"] = all.contains("time_to_detect_s") && all["time_to_detect_s"].is_number();
    t.row(recovery_cells("all workloads", all), "overall");
    if (const auto w = f.find("workloads"); w != f.end() && w->is_object())
        for (const auto& [name, r] : w->items())
            t.row(recovery_cells(name, r));
    return out + t.str() + "<p class=\"note\">resolution " + seconds(f, "resolution_s") +
           " (one bucket); times to impact and detect count from the fault's start, time to "
           "recover from its end</p>\n";
}

std::string cascade_block(const json& summary) {
    const auto c = summary.find("cascade");
    if (c == summary.end() || !c->is_object())
        return {};
    if (!c->value("detected", false))
        return "<p class=\"cascade ok\">Cascade: none: no workload outside a faulted dependency "
               "turned unhealthy</p>\n";
    std::string out =
        "<p class=\"cascade bad\">Cascade detected: spillover to workloads that do not use the "
        "faulted dependency, in order:</p>\n<ol class=\"spillover\">\n";
    for (const auto& s : array_of(*c, "spillover"))
        out += "<li>" + escape(string_of(s, "workload", "?")) + " during " +
               escape(string_of(s, "fault", "?")) + ", unhealthy at " +
               escape(seconds(s, "unhealthy_at_s")) + "</li>\n";
    return out + "</ol>\n";
}

std::string threshold_value(const json& t, const char* key) {
    const auto it = t.find(key);
    if (it == t.end() || !it->is_number())
        return "-";
    const auto unit = string_of(t, "unit");
    const double v = it->get<double>();
    if (unit == "ratio" || unit == "fraction")
        return fixed(100 * v, 3) + "%";
    return fixed(v, 3) + (unit.empty() ? "" : " " + unit);
}

}  // namespace

std::string faults_section(const json& summary) {
    const auto& faults = array_of(summary, "faults");
    if (faults.empty())
        return {};
    std::string out = "<section id=\"faults\">\n<h2>Faults and recovery</h2>\n";
    for (const auto& f : faults)
        out += fault_block(f);
    return out + cascade_block(summary) + "</section>\n";
}

std::string thresholds_section(const json& summary) {
    const auto& thresholds = array_of(summary, "thresholds");
    if (thresholds.empty())
        return {};
    table t({"expr", "workload", "over", "value", "limit", "passed", "detail"}, "thresholds");
    for (const auto& th : thresholds) {
        const bool passed = th.value("passed", false);
        t.row({string_of(th, "expr"), string_of(th, "workload", "all"), string_of(th, "over"),
               threshold_value(th, "value"), threshold_value(th, "limit"), passed ? "yes" : "NO",
               string_of(th, "message")},
              passed ? "passed" : "failed");
    }
    return "<section id=\"thresholds\">\n<h2>Thresholds</h2>\n" + t.str() + "</section>\n";
}

std::string min_capacity_section(const json& summary) {
    const auto bp = summary.find("breaking_point");
    if (bp == summary.end() || !bp->is_object())
        return {};
    const auto m = bp->find("min_capacity");
    if (m == bp->end() || !m->is_object())
        return {};
    const bool passed = m->value("passed", false);
    return "<section id=\"min-capacity\">\n<h2>Capacity minimum</h2>\n<p class=\"" +
           std::string(passed ? "passed" : "failed") + "\">" +
           escape("min_capacity " + field(*m, "throughput_rps", 1, "/s") + ": measured " +
                  field(*m, "measured_rps", 1, "/s") + ": " + (passed ? "held" : "NOT held")) +
           "</p>\n</section>\n";
}

}  // namespace faultline::report::html
