// `faultline compare`'s core: rows and regression rules over two summary.json documents, and
// the text and Markdown tables.
#include <algorithm>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <faultline/report/comparison.hpp>

using namespace faultline;
using json = nlohmann::json;

namespace {

json counts(double ok, double errors, double p99_ms) {
    return {{"sent", ok + errors},
            {"ok", ok},
            {"errors", {{"http_5xx", errors}, {"timeout", 0}}},
            {"cancelled", 0},
            {"latency", {{"p50_ms", 2.0}, {"p90_ms", 3.0}, {"p99_ms", p99_ms}, {"max_ms", 120.0}}}};
}

json fault(const std::string& name, json time_to_recover_s) {
    return {{"name", name},
            {"overall",
             {{"time_to_detect_s", 2.3},
              {"time_to_recover_s", time_to_recover_s},
              {"recovered", time_to_recover_s.is_number()}}}};
}

// A run of 10 s: "items" with 9000 ok, 9 errors and the given p99, "static" with 5000 ok.
struct run_numbers {
    double items_ok = 9000;
    double items_errors = 9;
    double items_p99_ms = 5.0;
    json capacity_rps = 1500.0;
    json time_to_recover_s = 1.2;
};

json summary(const run_numbers& n = {}) {
    const auto items = counts(n.items_ok, n.items_errors, n.items_p99_ms);
    const auto statics = counts(5000, 0, 1.0);
    return {{"scenario", "s"},
            {"duration_s", 10.0},
            {"verdict", "pass"},
            {"totals", counts(n.items_ok + 5000, n.items_errors, n.items_p99_ms)},
            {"workloads", {{"items", items}, {"static", statics}}},
            {"breaking_point",
             {{"capacity", n.capacity_rps.is_null()
                               ? json(nullptr)
                               : json{{"level", 8}, {"throughput_rps", n.capacity_rps}}},
              {"refined", nullptr}}},
            {"faults", json::array({fault("cache-down", n.time_to_recover_s)})}};
}

const report::comparison_row& row(const report::comparison& c, const std::string& scope,
                                  const std::string& metric) {
    const auto it = std::find_if(c.rows.begin(), c.rows.end(), [&](const auto& r) {
        return r.scope == scope && r.metric == metric;
    });
    REQUIRE(it != c.rows.end());
    return *it;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        out.push_back(l);
    return out;
}

}  // namespace

TEST_CASE("identical summaries: every row compared, no regression", "[report][compare]") {
    const auto same = summary();
    const auto c = report::compare_summaries(same, same, 0.1);
    // all, items and static: throughput, error rate, p50, p90, p99, max; capacity; the fault's
    // recovery and detection.
    CHECK(c.rows.size() == 3 * 6 + 1 + 2);
    CHECK(c.regressions() == 0);
    CHECK(c.notes.empty());
    CHECK(row(c, "items", "throughput_rps").baseline == Approx(900));
    CHECK(row(c, "all", "throughput_rps").current == Approx(1400));
    CHECK(row(c, "items", "error_rate").baseline == Approx(9.0 / 9009));
    CHECK(row(c, "items", "p99_ms").current == Approx(5));
    CHECK(row(c, "capacity", "throughput_rps").baseline == Approx(1500));
    CHECK(row(c, "fault cache-down", "time_to_recover_s").current == Approx(1.2));
    CHECK(report::relative_change(row(c, "items", "throughput_rps")) == Approx(0));
}

TEST_CASE("throughput lower by more than the threshold regresses", "[report][compare]") {
    const auto [scale, regressed] = GENERATE(table<double, bool>({
        {0.80, true},   // 20 % less at 10 %
        {0.95, false},  // 5 % less
        {0.90, false},  // exactly 10 % less: not beyond
        {1.30, false},  // more is better
    }));
    run_numbers current;
    current.items_ok = 9000 * scale;
    const auto c = report::compare_summaries(summary(), summary(current), 0.1);
    INFO("scale " << scale);
    CHECK(row(c, "items", "throughput_rps").regression == regressed);
    CHECK(row(c, "static", "throughput_rps").regression == false);
}

TEST_CASE("latency: higher beyond the threshold and by 1 ms or more", "[report][compare]") {
    const auto [baseline_ms, current_ms, regressed] = GENERATE(table<double, double, bool>({
        {5.0, 8.0, true},     // +60 %
        {5.0, 5.4, false},    // +8 %
        {0.2, 0.9, false},    // +350 % but 0.7 ms: noise
        {20.0, 21.5, false},  // +7.5 %
        {0.0, 1.5, true},     // from nothing to 1.5 ms
        {80.0, 50.0, false},  // faster
    }));
    run_numbers b, cur;
    b.items_p99_ms = baseline_ms;
    cur.items_p99_ms = current_ms;
    const auto c = report::compare_summaries(summary(b), summary(cur), 0.1);
    INFO(baseline_ms << " ms -> " << current_ms << " ms");
    CHECK(row(c, "items", "p99_ms").regression == regressed);
    CHECK(row(c, "all", "p99_ms").regression == regressed);
    CHECK(row(c, "items", "p50_ms").regression == false);
}

TEST_CASE("error rate: higher beyond the threshold and by more than 0.1 point",
          "[report][compare]") {
    const auto [baseline_errors, current_errors, regressed] = GENERATE(table<double, double, bool>({
        {1, 2, false},    // 0.011 % -> 0.022 %: doubled, but 0.011 point
        {90, 180, true},  // 1 % -> 2 %
        {90, 95, false},  // +5.5 %
        {0, 20, true},    // 0 -> 0.22 %
    }));
    run_numbers b, cur;
    b.items_errors = baseline_errors;
    cur.items_errors = current_errors;
    const auto c = report::compare_summaries(summary(b), summary(cur), 0.1);
    INFO(baseline_errors << " -> " << current_errors << " errors in 9000");
    CHECK(row(c, "items", "error_rate").regression == regressed);
}

TEST_CASE("recovery: longer beyond the threshold and by more than 100 ms, or lost",
          "[report][compare]") {
    const auto [baseline_s, current_s, regressed] = GENERATE(table<json, json, bool>({
        {1.2, 1.5, true},       // +25 %, 300 ms
        {1.2, 1.3, false},      // +8 %
        {0.5, 0.58, false},     // +16 % but 80 ms
        {1.2, nullptr, true},   // recovered before, not now
        {nullptr, 1.2, false},  // recovers now
        {nullptr, nullptr, false},
    }));
    run_numbers b, cur;
    b.time_to_recover_s = baseline_s;
    cur.time_to_recover_s = current_s;
    const auto c = report::compare_summaries(summary(b), summary(cur), 0.1);
    INFO(baseline_s << " s -> " << current_s << " s");
    const auto& r = row(c, "fault cache-down", "time_to_recover_s");
    CHECK(r.regression == regressed);
    if (current_s.is_null())
        CHECK(r.note == (baseline_s.is_null() ? "not recovered in either run"
                                              : "not recovered in the current run"));
    CHECK(row(c, "fault cache-down", "time_to_detect_s").regression == false);
}

TEST_CASE(
    "capacity: lower beyond the threshold, or none where the baseline had one; refined "
    "capacity first",
    "[report][compare]") {
    run_numbers none;
    none.capacity_rps = nullptr;
    run_numbers lower;
    lower.capacity_rps = 1200.0;

    auto c = report::compare_summaries(summary(), summary(lower), 0.1);
    CHECK(row(c, "capacity", "throughput_rps").regression);
    c = report::compare_summaries(summary(), summary(none), 0.1);
    CHECK(row(c, "capacity", "throughput_rps").regression);
    CHECK(row(c, "capacity", "throughput_rps").note == "none in the current run");
    c = report::compare_summaries(summary(none), summary(none), 0.1);
    CHECK_FALSE(row(c, "capacity", "throughput_rps").regression);
    CHECK(row(c, "capacity", "throughput_rps").note == "none in either run");

    auto refined = summary(lower);
    refined["breaking_point"]["refined"] = {{"level", 10},
                                            {"capacity", {{"level", 9}, {"throughput_rps", 1490}}}};
    c = report::compare_summaries(summary(), refined, 0.1);
    CHECK(row(c, "capacity", "throughput_rps").current == Approx(1490));
    CHECK_FALSE(row(c, "capacity", "throughput_rps").regression);
}

TEST_CASE("a workload or fault on one side only is a note, not a crash", "[report][compare]") {
    auto current = summary();
    current["workloads"].erase("static");
    current["workloads"]["search"] = counts(10, 0, 1);
    current["faults"] = json::array({fault("db-kill", 2.0)});
    const auto c = report::compare_summaries(summary(), current, 0.1);
    CHECK(c.regressions() == 0);
    CHECK(std::none_of(c.rows.begin(), c.rows.end(),
                       [](const auto& r) { return r.scope == "static" || r.scope == "search"; }));
    CHECK(c.notes ==
          std::vector<std::string>{"workload static is only in the baseline: not compared",
                                   "workload search is only in the current run: not compared",
                                   "fault cache-down is only in the baseline: not compared",
                                   "fault db-kill is only in the current run: not compared"});

    // Documents without the expected shape compare to missing values, never throw.
    for (const json& odd : {json::object(), json::array(), json(nullptr),
                            json{{"workloads", 3}, {"totals", "x"}, {"faults", {{"a", 1}}}}}) {
        const auto odd_comparison = report::compare_summaries(summary(), odd, 0.1);
        CHECK(row(odd_comparison, "all", "throughput_rps").note == "not in the current run");
        CHECK(row(odd_comparison, "capacity", "throughput_rps").regression);
    }
    const auto old = report::compare_summaries(json::object(), json::object(), 0.1);
    CHECK(old.regressions() == 0);
}

TEST_CASE("text table: aligned columns, a mark per regression, the count last",
          "[report][compare]") {
    run_numbers slower;
    slower.items_ok = 7200;
    const auto c = report::compare_summaries(summary(), summary(slower), 0.1);
    const auto lines = lines_of(report::render_comparison_text(c));
    REQUIRE(lines.size() == c.rows.size() + 2);
    CHECK(lines.front().rfind("metric", 0) == 0);
    const auto baseline_end = lines.front().find("baseline") + std::string("baseline").size();
    for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
        INFO(lines[i]);
        CHECK(lines[i][baseline_end - 1] != ' ');
        CHECK(lines[i][baseline_end] == ' ');
    }
    const auto items = std::find_if(lines.begin(), lines.end(), [](const auto& l) {
        return l.rfind("items throughput_rps", 0) == 0;
    });
    REQUIRE(items != lines.end());
    CHECK_THAT(*items, Catch::Contains("900.0") && Catch::Contains("720.0") &&
                           Catch::Contains("-20.0%") && Catch::EndsWith("REGRESSION"));
    // "all" lost 1800 of 14000: 12.9 %.
    CHECK(lines.back() == "2 regressions beyond 10%");
    CHECK(report::render_comparison_text(report::compare_summaries(summary(), summary(), 0.1))
              .ends_with("\nno regression beyond 10%\n"));
    CHECK(report::render_comparison_text(report::compare_summaries(summary(), summary(), 0.025))
              .ends_with("\nno regression beyond 2.5%\n"));
}

TEST_CASE("markdown table: a header, a separator, one row per metric, notes, the count",
          "[report][compare]") {
    run_numbers slower;
    slower.items_ok = 8500;
    auto current = summary(slower);
    current["workloads"]["a|b"] = counts(1, 0, 1);
    const auto c = report::compare_summaries(summary(), current, 0.05);
    const auto lines = lines_of(report::render_comparison_markdown(c));
    REQUIRE(lines.size() == 2 + c.rows.size() + 1 + c.notes.size() + 2);
    CHECK(lines[0] == "| metric | baseline | current | delta | |");
    CHECK(lines[1] == "|:---|---:|---:|---:|:---|");
    for (std::size_t i = 2; i < 2 + c.rows.size(); ++i) {
        INFO(lines[i]);
        CHECK(std::count(lines[i].begin(), lines[i].end(), '|') == 6);
    }
    CHECK(std::find(lines.begin(), lines.end(),
                    "| items throughput_rps | 900.0 | 850.0 | -5.6% | **regression** |") !=
          lines.end());
    CHECK(lines[2 + c.rows.size()].empty());
    CHECK(lines[3 + c.rows.size()] == "- workload a\\|b is only in the current run: not compared");
    CHECK(lines.back() == "**1 regression beyond 5%**");
}

TEST_CASE("request phases: p50 and p99 of each phase either run measured", "[report][compare]") {
    auto baseline = summary();
    auto current = summary();
    baseline["workloads"]["items"]["phases"] = {
        {"connect", {{"count", 10}, {"p50_ms", 0.2}, {"p99_ms", 0.5}}},
        {"ttfb", {{"count", 9009}, {"p50_ms", 2.0}, {"p99_ms", 4.0}}}};
    current["workloads"]["items"]["phases"] = {
        {"ttfb", {{"count", 9009}, {"p50_ms", 2.1}, {"p99_ms", 9.0}}},
        {"tls", {{"count", 10}, {"p50_ms", 3.0}, {"p99_ms", 6.0}}}};
    const auto c = report::compare_summaries(baseline, current, 0.1);
    CHECK(row(c, "items", "ttfb_p99_ms").regression);
    CHECK(row(c, "items", "ttfb_p99_ms").current == Approx(9.0));
    CHECK_FALSE(row(c, "items", "ttfb_p50_ms").regression);
    // A phase on one side only is shown with the other side missing.
    CHECK_FALSE(row(c, "items", "connect_p50_ms").current.has_value());
    CHECK(row(c, "items", "tls_p99_ms").note == "not in the baseline");
    // No phases in either run for static: no phase rows.
    CHECK(std::none_of(c.rows.begin(), c.rows.end(), [](const auto& r) {
        return r.scope == "static" && r.metric.find("ttfb") != std::string::npos;
    }));
    CHECK(c.rows.size() == 3 * 6 + 1 + 2 + 3 * 2);
}
