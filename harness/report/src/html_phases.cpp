// The request phases of each workload (dns, connect, tls, time to first byte, receive, total).
#include "html_sections.hpp"
#include "html_text.hpp"

namespace faultline::report::html {

using json = nlohmann::json;

std::string phases_section(const json& summary) {
    const auto workloads = summary.find("workloads");
    if (workloads == summary.end() || !workloads->is_object())
        return {};
    table t({"workload", "phase", "requests", "p50", "p90", "p99", "max"}, "phases");
    bool any = false;
    for (const auto& [name, w] : workloads->items()) {
        const auto phases = w.find("phases");
        if (phases == w.end() || !phases->is_object())
            continue;
        for (const auto& [phase, figures] : phases->items()) {
            any = true;
            t.row({name, phase, field(figures, "count", 0), field(figures, "p50_ms", 3, " ms"),
                   field(figures, "p90_ms", 3, " ms"), field(figures, "p99_ms", 3, " ms"),
                   field(figures, "max_ms", 3, " ms")});
        }
    }
    if (!any)
        return {};
    return "<section id=\"phases\">\n<h2>Request phases</h2>\n" + t.str() +
           "<p class=\"note\">dns, connect and tls count new connections only (dns only for a "
           "name); ttfb runs from the request's first byte written to the response's first byte, "
           "receive from there to its last; total is the whole request, connecting "
           "included.</p>\n</section>\n";
}

}  // namespace faultline::report::html
