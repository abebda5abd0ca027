// Golden files for every writer: a fixed run (steps, thresholds, a drill with a cascade, a
// capacity minimum) and a fixed timeline are written, and each file must equal its copy in
// tests/golden/ byte for byte. Time and host are fixed by the inputs (started_at, the render
// context's host), so nothing needs masking. After an intended change of format, regenerate with
// FAULTLINE_UPDATE_GOLDEN=1 build/dev/bin/report_test "[golden]" and review the diff.
// junit.xml is also validated against tests/schemas/junit.xsd with xmllint; report.html is
// opened in a browser by html_browser_test.cpp.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <boost/process/args.hpp>
#include <boost/process/child.hpp>
#include <boost/process/io.hpp>
#include <boost/process/search_path.hpp>
#include <catch2/catch.hpp>

#include <faultline/report/summary_renderers.hpp>
#include <faultline/report/writers.hpp>
#include <faultline/test/support.hpp>

#include "report_test_files.hpp"

using namespace std::chrono_literals;
using namespace faultline;
using report_test::golden_dir;
using report_test::read_all;
namespace bp = boost::process;

namespace {

void set_outcome(stats::workload_counts& c, stats::outcome o, std::uint64_t n) {
    c.outcomes[stats::to_index(o)] = n;
}

report::step_record step(std::size_t i, double level, double throughput, bool passed) {
    report::step_record s;
    s.index = i;
    s.level = level;
    s.start_s = 2.0 * static_cast<double>(i);
    s.end_s = s.start_s + 2.0;
    s.judged_s = 1.5;
    s.offered_rps = 0;
    s.throughput_rps = throughput;
    s.achieved_rps = throughput;
    s.error_rate = passed ? 0.0 : 0.02;
    s.latency = {2ms, 3ms, passed ? 5ms : 80ms, passed ? 9ms : 120ms, 3ms};
    s.service_time = s.latency;
    s.generator_cpu = 0.25;
    s.counts.sent = static_cast<std::uint64_t>(throughput * 1.5);
    set_outcome(s.counts, stats::outcome::ok, s.counts.sent - (passed ? 0 : 3));
    set_outcome(s.counts, stats::outcome::http_5xx, passed ? 0 : 3);
    s.passed = passed;
    if (!passed)
        s.tripped = {{"p99", 80, 50, ramps::trip_unit::milliseconds, 4.7}};
    return s;
}

report::run_result golden_run() {
    report::run_result r;
    r.scenario = "golden";
    r.version = "0.1.0";
    r.model = "closed";
    r.started_at = std::chrono::system_clock::time_point(std::chrono::seconds(1796601600));
    r.duration_s = 6.0;
    r.steps = {step(0, 4, 800, true), step(1, 8, 1500, true), step(2, 12, 1550, false)};
    r.breaking_point.found = true;
    r.breaking_point.step = 2;
    r.breaking_point.level = 12;
    r.breaking_point.criterion = "p99";
    r.breaking_point.capacity = ramps::capacity_point{8, 1500};
    r.min_capacity = report::capacity_minimum{2000, 1500, false};
    report::threshold_result held;
    held.expr = "error_rate < 1%";
    held.over = "run";
    held.metric = "error_rate";
    held.unit = "ratio";
    held.value = 0.0012;
    held.limit = 0.01;
    held.passed = true;
    held.message = "error_rate < 1%: error_rate = 0.120% over the run";
    report::threshold_result failed;
    failed.expr = "p99 < 50ms";
    failed.workload = "items";
    failed.over = "window";
    failed.metric = "p99";
    failed.unit = "ms";
    failed.value = 80;
    failed.limit = 50;
    failed.at_s = 4.2;
    failed.window_s = 1;
    failed.for_s = 0.5;
    failed.message =
        "p99 < 50ms (items): violated for 0.5s or more in windows from 4.2s "
        "(worst p99 80.000ms)";
    r.thresholds = {held, failed};
    report::drill_analysis drill;
    drill.baseline = {1.0, 2.0};
    drill.baseline_healthy = true;
    report::fault_result f;
    f.record.name = "cache-down";
    f.record.kind = "outage";
    f.record.target = "cache";
    f.record.requested_start_s = 2.0;
    f.record.requested_end_s = 4.0;
    f.record.started_s = 2.001;
    f.record.applied_s = 2.002;
    f.record.removed_s = 4.003;
    f.record.touched = {{"connections", 4}};
    f.disruption = {2.001, 4.003};
    f.analysed = true;
    f.overall = {1500, true, 2.1, 2.3, 1.2, true, 3.0, 42, 0};
    f.workloads = {{"items", f.overall}, {"static", {1500, true, {}, 2.5, 1.0, true, 2.0, 0, 0}}};
    drill.faults = {f};
    drill.cascade = true;
    drill.spillovers = {{"cache-down", "static", 2.5}};
    r.drill = drill;
    set_outcome(r.totals, stats::outcome::ok, 5700);
    set_outcome(r.totals, stats::outcome::http_5xx, 3);
    set_outcome(r.totals, stats::outcome::cancelled, 2);
    r.totals.sent = 5705;
    r.workload_totals = {{"items", r.totals}, {"static", {}}};
    r.total_latency = {2ms, 3ms, 80ms, 120ms, 3ms};
    r.workload_latency = {r.total_latency, {}};
    r.workload_phases = {{{stats::phase::connect, 40, {100us, 150us, 400us, 900us, 120us}},
                          {stats::phase::ttfb, 5700, {1800us, 2500us, 70ms, 110ms, 2500us}},
                          {stats::phase::total, 5700, r.total_latency}},
                         {}};
    r.verdict = report::verdict_kind::fail;
    r.reasons = {"capacity 1500.0/s is below min_capacity 2000/s",
                 "cascade: static turned unhealthy during cache-down",
                 "threshold failed: " + failed.message};
    return r;
}

// 20 buckets of 100 ms: "items" at 2 ms (one slow 80 ms request in bucket 12), "static" at
// 500 us with one 5xx in bucket 3.
stats::timeline golden_timeline(std::vector<double>& end_s) {
    stats::timeline t({"items", "static"});
    stats::interval_snapshot bucket;
    bucket.workloads.resize(2);
    for (std::size_t i = 0; i < 20; ++i) {
        bucket.reset();
        auto& items = bucket.workloads[0];
        items.counts.sent = 100;
        set_outcome(items.counts, stats::outcome::ok, 100);
        items.latency.record_n(2ms + std::chrono::microseconds(10 * i), i == 12 ? 99 : 100);
        if (i == 12)
            items.latency.record(80ms);
        auto& statics = bucket.workloads[1];
        statics.counts.sent = 50;
        set_outcome(statics.counts, stats::outcome::ok, i == 3 ? 49 : 50);
        set_outcome(statics.counts, stats::outcome::http_5xx, i == 3 ? 1 : 0);
        statics.latency.record_n(500us, 50);
        t.append(bucket);
        end_s.push_back(0.1 * static_cast<double>(i + 1));
    }
    return t;
}

void check_golden(const std::filesystem::path& written, const std::string& name) {
    const auto golden = golden_dir / name;
    const char* update = std::getenv("FAULTLINE_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        std::filesystem::copy_file(written, golden,
                                   std::filesystem::copy_options::overwrite_existing);
        WARN("updated " << golden.string());
        return;
    }
    INFO("compare " << written.string() << " with " << golden.string()
                    << " (FAULTLINE_UPDATE_GOLDEN=1 regenerates it)");
    REQUIRE(std::filesystem::exists(golden));
    CHECK(read_all(written) == read_all(golden));
}

}  // namespace

TEST_CASE("every writer matches its golden file", "[report][golden]") {
    test::temp_dir dir;
    const auto run = golden_run();
    std::vector<double> end_s;
    const auto timeline = golden_timeline(end_s);
    report::write_summary_json(run, dir.path() / "summary.json");
    report::write_steps_csv(run, dir.path() / "steps.csv");
    report::write_timeline_csv(timeline, end_s, dir.path() / "timeline.csv");
    report::write_histograms_hlog(timeline, end_s, run.started_at, dir.path() / "histograms.hlog");
    report::render_results_folder(dir.path(), {"golden-host", {}});
    for (const char* name : {"summary.json", "steps.csv", "timeline.csv", "histograms.hlog",
                             "junit.xml", "report.html"}) {
        SECTION(name) {
            check_golden(dir.path() / name, name);
        }
    }
}

TEST_CASE("junit.xml validates against the JUnit schema; a failing threshold is a failed case",
          "[report][junit]") {
    test::temp_dir dir;
    report::write_summary_json(golden_run(), dir.path() / "summary.json");
    report::render_results_folder(dir.path(), {"golden-host", {}});
    const auto xml = read_all(dir.path() / "junit.xml");
    CHECK_THAT(xml, Catch::Contains("<testsuites name=\"faultline\" tests=\"8\" failures=\"4\""));
    CHECK_THAT(xml, Catch::Contains("name=\"p99 &lt; 50ms [items] over window\" time=\"0\">\n"
                                    "      <failure message=\"threshold failed: p99 &lt; 50ms"));
    CHECK_THAT(xml, Catch::Contains("name=\"error_rate &lt; 1% over run\" time=\"0\">\n"
                                    "      <system-out>"));
    CHECK_THAT(xml, Catch::Contains("<failure message=\"capacity 1500.000/s is below the minimum "
                                    "2000/s\" type=\"capacity\">"));
    CHECK_THAT(xml, Catch::Contains("<failure message=\"cascade: static during cache-down "
                                    "(unhealthy at 2.5s)\" type=\"cascade\">"));

    const auto xmllint = bp::search_path("xmllint");
    INFO("xmllint comes with Debian's libxml2-utils (scripts/install-deps.sh)");
    REQUIRE_FALSE(xmllint.empty());
    const auto schema = std::filesystem::path(FAULTLINE_SOURCE_DIR) / "tests/schemas/junit.xsd";
    bp::ipstream out;
    bp::child lint(
        xmllint,
        bp::args({"--noout", "--schema", schema.string(), (dir.path() / "junit.xml").string()}),
        (bp::std_out & bp::std_err) > out);
    std::string line;
    std::string all;
    while (std::getline(out, line))
        all += line + "\n";
    lint.wait();
    INFO(all);
    CHECK(lint.exit_code() == 0);
    CHECK_THAT(all, Catch::Contains("validates"));

    // A broken document is refused, so the check above can fail.
    std::ofstream(dir.path() / "broken.xml") << "<testsuites><testcase name=\"x\"/></testsuites>\n";
    bp::child refused(
        xmllint,
        bp::args({"--noout", "--schema", schema.string(), (dir.path() / "broken.xml").string()}),
        bp::std_out > bp::null, bp::std_err > bp::null);
    refused.wait();
    CHECK(refused.exit_code() != 0);
}

TEST_CASE("faultline report refuses a folder without a summary", "[report][junit]") {
    test::temp_dir dir;
    CHECK_THROWS_WITH(report::render_results_folder(dir.path()),
                      Catch::Contains("summary.json: no such file"));
    std::ofstream(dir.path() / "summary.json") << "{\"steps\": [";
    CHECK_THROWS_WITH(report::render_results_folder(dir.path()), Catch::Contains("not valid JSON"));
    std::ofstream(dir.path() / "summary.json") << "{\"steps\": []}";
    CHECK_THROWS_WITH(report::render_results_folder(dir.path()),
                      Catch::Contains("not a faultline summary"));
}
