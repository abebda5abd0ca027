// junit.xml: the run as test cases that CI systems display, rendered from summary.json.
#include <fstream>
#include <sstream>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <faultline/report/summary_renderers.hpp>

#include "builtin_writers.hpp"
#include "host_name.hpp"
#include "html_text.hpp"

namespace faultline::report {
namespace {

using json = nlohmann::json;

struct test_case {
    std::string classname;
    std::string name;
    std::optional<std::string> failure;  // message
    std::string failure_type;
    std::string details;  // body of <failure> or <system-out>
};

std::string text_of(const json& j, const char* key, std::string fallback = {}) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::string number_text(const json& v, const char* unit) {
    if (!v.is_number())
        return "none";
    return fmt::format("{:.3f}{}", v.get<double>(), unit);
}

void add_thresholds(const json& summary, const std::string& suite, std::vector<test_case>& out) {
    for (const auto& t : summary.value("thresholds", json::array())) {
        test_case c;
        c.classname = suite + ".thresholds";
        c.name = text_of(t, "expr");
        if (t.contains("workload") && t["workload"].is_string())
            c.name += " [" + t["workload"].get<std::string>() + "]";
        c.name += " over " + text_of(t, "over", "run");
        c.details = text_of(t, "message");
        if (!t.value("passed", false)) {
            c.failure = "threshold failed: " + text_of(t, "message");
            c.failure_type = "threshold";
        }
        out.push_back(std::move(c));
    }
}

// One case per fault: it was applied and took effect, and the service recovered after it.
void add_faults(const json& summary, const std::string& suite, std::vector<test_case>& out) {
    for (const auto& f : summary.value("faults", json::array())) {
        test_case c;
        c.classname = suite + ".faults";
        c.name = text_of(f, "name") + " (" + text_of(f, "kind") + ")";
        const auto& overall = f.contains("overall") ? f["overall"] : json();
        if (!text_of(f, "error").empty()) {
            c.failure = "the fault failed: " + text_of(f, "error");
            c.failure_type = "fault";
        } else if (!f.value("took_effect", false)) {
            c.failure = "the fault never took effect: the drill measured nothing";
            c.failure_type = "fault";
        } else if (overall.is_object() && overall["time_to_detect_s"].is_number() &&
                   !overall.value("recovered", false) && !f.value("removed_at_run_end", false)) {
            c.failure = "did not recover after the fault ended";
            c.failure_type = "recovery";
        }
        if (overall.is_object()) {
            c.details = fmt::format("time to impact {}, detect {}, recover {}; lost {}",
                                    number_text(overall["time_to_impact_s"], "s"),
                                    number_text(overall["time_to_detect_s"], "s"),
                                    number_text(overall["time_to_recover_s"], "s"),
                                    overall.value("lost", 0));
        }
        out.push_back(std::move(c));
    }
    const auto& cascade = summary.value("cascade", json::object());
    if (summary.value("faults", json::array()).empty())
        return;
    test_case c;
    c.classname = suite + ".faults";
    c.name = "no cascade failure";
    if (cascade.value("detected", false)) {
        std::string list;
        for (const auto& s : cascade.value("spillover", json::array()))
            list += fmt::format("{}{} during {} (unhealthy at {:.1f}s)", list.empty() ? "" : "; ",
                                text_of(s, "workload"), text_of(s, "fault"),
                                s.value("unhealthy_at_s", 0.0));
        c.failure = "cascade: " + list;
        c.failure_type = "cascade";
    }
    out.push_back(std::move(c));
}

// The steady state the recovery analyses were judged against ([slo]).
void add_slo(const json& summary, const std::string& suite, std::vector<test_case>& out) {
    const auto add = [&](const std::string& name, bool healthy) {
        test_case c;
        c.classname = suite + ".slo";
        c.name = name;
        if (!healthy) {
            c.failure = name + ": not healthy against [slo], so recovery was not measured";
            c.failure_type = "slo";
        }
        out.push_back(std::move(c));
    };
    if (summary.contains("drill") && summary["drill"].is_object())
        add("baseline before the first fault", summary["drill"].value("baseline_healthy", false));
    if (summary.contains("spike") && summary["spike"].is_object()) {
        const auto& overall = summary["spike"].value("overall", json::object());
        add("baseline before the spike", overall.value("baseline_healthy", false));
        test_case c;
        c.classname = suite + ".slo";
        c.name = "recovered from the spike";
        if (!overall.value("recovered", false)) {
            c.failure = "did not recover from the spike before the run ended";
            c.failure_type = "recovery";
        }
        out.push_back(std::move(c));
    }
}

void add_capacity(const json& summary, const std::string& suite, std::vector<test_case>& out) {
    const auto& bp = summary.value("breaking_point", json::object());
    const auto& minimum = bp.value("min_capacity", json());
    if (!minimum.is_object())
        return;
    test_case c;
    c.classname = suite + ".capacity";
    c.name = fmt::format("capacity >= {:g}/s", minimum.value("throughput_rps", 0.0));
    if (!minimum.value("passed", false)) {
        c.failure = fmt::format("capacity {} is below the minimum {:g}/s",
                                number_text(minimum["measured_rps"], "/s"),
                                minimum.value("throughput_rps", 0.0));
        c.failure_type = "capacity";
    }
    out.push_back(std::move(c));
}

// The run as a whole: the accounting invariant, and the verdict with every reason.
void add_run(const json& summary, const std::string& suite, std::vector<test_case>& out) {
    const auto& totals = summary.value("totals", json::object());
    test_case accounting;
    accounting.classname = suite + ".run";
    accounting.name = "every request accounted for (ok + errors + cancelled = sent)";
    std::uint64_t errors = 0;
    const auto by_kind = totals.value("errors", json::object());
    for (const auto& [kind, n] : by_kind.items())
        errors += n.is_number_unsigned() ? n.get<std::uint64_t>() : 0;
    const auto sent = totals.value("sent", std::uint64_t{0});
    const auto accounted =
        totals.value("ok", std::uint64_t{0}) + errors + totals.value("cancelled", std::uint64_t{0});
    if (accounted != sent) {
        accounting.failure =
            fmt::format("sent {} but ok + errors + cancelled = {}", sent, accounted);
        accounting.failure_type = "accounting";
    }
    out.push_back(std::move(accounting));

    test_case verdict;
    verdict.classname = suite + ".run";
    verdict.name = "verdict";
    const auto kind = text_of(summary, "verdict", "invalid");
    std::string reasons;
    for (const auto& r : summary.value("reasons", json::array()))
        reasons += (reasons.empty() ? "" : "\n") + r.get<std::string>();
    verdict.details = "verdict " + kind + (reasons.empty() ? "" : ":\n" + reasons);
    if (kind != "pass") {
        verdict.failure = "verdict " + kind +
                          (reasons.empty() ? "" : ": " + reasons.substr(0, reasons.find('\n')));
        verdict.failure_type = kind;
    }
    out.push_back(std::move(verdict));
}

}  // namespace

std::string render_junit_xml(const json& summary, const render_context& context) {
    const std::string scenario = text_of(summary, "scenario", "scenario");
    const std::string suite = "faultline." + scenario;
    std::vector<test_case> cases;
    add_thresholds(summary, suite, cases);
    add_slo(summary, suite, cases);
    add_capacity(summary, suite, cases);
    add_faults(summary, suite, cases);
    add_run(summary, suite, cases);
    std::size_t failures = 0;
    for (const auto& c : cases)
        failures += c.failure ? 1 : 0;
    const double duration = summary.value("duration_s", 0.0);
    const std::string host = context.host.empty() ? this_host_name() : context.host;

    std::ostringstream x;
    x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    x << fmt::format(
        "<testsuites name=\"faultline\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
        "time=\"{:.3f}\">\n",
        cases.size(), failures, duration);
    x << fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
        "skipped=\"0\" time=\"{:.3f}\" timestamp=\"{}\" hostname=\"{}\">\n",
        html::escape(suite), cases.size(), failures, duration,
        html::escape(text_of(summary, "started_at")), html::escape(host));
    x << "    <properties>\n";
    for (const char* key : {"scenario", "version", "model", "verdict", "started_at"})
        x << fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", key,
                         html::escape(text_of(summary, key)));
    x << "    </properties>\n";
    for (const auto& c : cases) {
        x << fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\"",
                         html::escape(c.classname), html::escape(c.name));
        if (!c.failure && c.details.empty()) {
            x << "/>\n";
            continue;
        }
        x << ">\n";
        if (c.failure)
            x << fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                             html::escape(*c.failure), html::escape(c.failure_type),
                             html::escape(c.details));
        else
            x << fmt::format("      <system-out>{}</system-out>\n", html::escape(c.details));
        x << "    </testcase>\n";
    }
    x << "  </testsuite>\n</testsuites>\n";
    return x.str();
}

const results_writer junit_xml_writer{"junit.xml", nullptr, [](const folder_input& input) {
                                          return render_junit_xml(input.summary, input.context);
                                      }};

}  // namespace faultline::report
