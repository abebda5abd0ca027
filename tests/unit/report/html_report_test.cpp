// report.html rendered from summary.json and timeline.csv: order of sections, one line per
// workload in every chart over time, escaping, no external reference, missing sections and a
// malformed timeline.csv.
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <faultline/report/summary_file.hpp>
#include <faultline/report/summary_renderers.hpp>
#include <faultline/report/timeline_csv_reader.hpp>
#include <faultline/test/support.hpp>

#include "report_test_files.hpp"

using namespace faultline;
using json = nlohmann::json;
using report_test::golden_dir;

namespace {

const std::vector<std::string> time_charts{"throughput", "error-rate", "p50", "p99"};

json golden_summary() {
    return report::read_summary_json(golden_dir);
}

report::timeline_rows golden_timeline() {
    return report::read_timeline_csv(golden_dir);
}

report::timeline_rows parse(const std::string& csv) {
    std::istringstream in(csv);
    return report::parse_timeline_csv(in);
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

// The text of <figure class="chart" data-chart="ID"> ... </figure>.
std::string chart(const std::string& html, const std::string& id) {
    const auto start = html.find("<figure class=\"chart\" data-chart=\"" + id + "\"");
    if (start == std::string::npos)
        return {};
    return html.substr(start, html.find("</figure>", start) - start);
}

std::string render(const json& summary, const report::timeline_rows& timeline = {}) {
    return report::render_html_report(summary, timeline, {"test-host", ""});
}

const std::string header = "bucket,end_s,workload,sent,ok,errors,cancelled,missed,p50_ms,p99_ms\n";

}  // namespace

TEST_CASE("report.html opens with the verdict and its reasons, then the run", "[report][html]") {
    const auto summary = golden_summary();
    const auto html = render(summary, golden_timeline());
    const auto verdict = html.find("<section id=\"verdict\" class=\"verdict fail\">");
    REQUIRE(verdict != std::string::npos);
    const auto run = html.find("<section id=\"run\">");
    REQUIRE(run != std::string::npos);
    CHECK(verdict < run);
    CHECK(verdict < html.find("<svg"));
    CHECK(html.find("<table") > verdict);
    CHECK(html.find("<h2>fail</h2>") == html.find("<h2>", verdict));
    for (const auto& reason : summary["reasons"]) {
        const auto at = html.find("<li>" + reason.get<std::string>().substr(0, 20));
        INFO(reason);
        CHECK(at > verdict);
        CHECK(at < run);
    }
    // The sections come in the order of the brief, and the metadata names the host given.
    std::size_t last = run;
    for (const char* id : {"timeline", "steps", "faults", "thresholds", "min-capacity"}) {
        const auto at = html.find("<section id=\"" + std::string(id) + "\">");
        INFO(id);
        CHECK(at != std::string::npos);
        CHECK(at > last);
        last = at;
    }
    CHECK_THAT(html, Catch::Contains("<td>host</td><td>test-host</td>"));
    CHECK_THAT(html, Catch::Contains("<meta name=\"viewport\" content=\"width=device-width, "
                                     "initial-scale=1\">"));
    CHECK(count(html, "<div class=\"table-wrap\">") == count(html, "<table"));
    CHECK(render(summary, golden_timeline()) == html);  // deterministic
}

TEST_CASE("every chart over time has exactly one series per workload", "[report][html]") {
    const auto html = render(golden_summary(), golden_timeline());
    for (const auto& id : time_charts) {
        const auto c = chart(html, id);
        INFO("chart " << id);
        REQUIRE_FALSE(c.empty());
        CHECK(count(c, "class=\"series\"") == 2);
        CHECK(count(c, "class=\"series\" data-workload=\"items\"") == 1);
        CHECK(count(c, "class=\"series\" data-workload=\"static\"") == 1);
        CHECK(count(c, "<rect class=\"band\"") == 1);    // cache-down
        CHECK(count(c, "<line class=\"marker\"") == 2);  // steps 2 and 3 start after 0 s
        CHECK_THAT(c, Catch::Contains(">cache-down</text>"));
    }
    // The capacity curve is not a workload's series.
    const auto capacity = chart(html, "capacity");
    REQUIRE_FALSE(capacity.empty());
    CHECK(count(capacity, "class=\"series\"") == 0);
    CHECK_THAT(capacity, Catch::Contains(">breaking point</text>"));
    // A workload the summary knows but the timeline does not still has its (empty) line.
    auto summary = golden_summary();
    summary["workloads"]["quiet"] = json::object();
    const auto with_quiet = render(summary, golden_timeline());
    for (const auto& id : time_charts)
        CHECK(count(chart(with_quiet, id), "class=\"series\" data-workload=\"quiet\"") == 1);
}

TEST_CASE("strings from the summary and the timeline are escaped", "[report][html]") {
    const std::string name = "<b>&\"'";
    auto summary = golden_summary();
    summary["scenario"] = name;
    summary["reasons"] = {"reason " + name};
    summary["workloads"] = {{name, json::object()}};
    summary["thresholds"][1]["workload"] = name;
    summary["faults"][0]["name"] = name;
    summary["steps"][2]["tripped"][0]["criterion"] = name;
    summary["cascade"]["spillover"][0]["workload"] = name;
    const auto timeline = parse(header + "0,0.1,\"<b>&\"\"'\",10,10,0,0,0,1.5,2.5\n");
    REQUIRE(timeline.series.size() == 1);
    CHECK(timeline.series[0].workload == name);
    const auto html = render(summary, timeline);
    CHECK(html.find("<b>") == std::string::npos);
    CHECK(html.find(name) == std::string::npos);
    const std::string escaped = "&lt;b&gt;&amp;&quot;&#39;";
    CHECK_THAT(html, Catch::Contains("data-workload=\"" + escaped + "\""));
    CHECK(count(html, "class=\"series\" data-workload=\"" + escaped + "\"") == 4);
    CHECK_THAT(html, Catch::Contains("<li>reason " + escaped + "</li>"));
    CHECK_THAT(html, Catch::Contains("<h1>faultline report: " + escaped + "</h1>"));
}

TEST_CASE("report.html references nothing outside itself", "[report][html]") {
    auto summary = golden_summary();
    summary["reasons"].push_back("see https://example.com/runbook and http://x");
    const auto html = render(summary, golden_timeline());
    CHECK(html.find("http://") == std::string::npos);
    CHECK(html.find("https://") == std::string::npos);
    CHECK(html.find("://") == std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("url(") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
    CHECK(count(html, "href=") == count(html, "href=\"data:,\""));
    CHECK_THAT(html, Catch::Contains("see https&#58;//example.com/runbook"));
}

TEST_CASE("a summary without steps, faults or thresholds renders without those sections",
          "[report][html]") {
    const json minimal = {{"verdict", "pass"}, {"reasons", json::array()}};
    json empty_sections = golden_summary();
    empty_sections["steps"] = json::array();
    empty_sections["faults"] = json::array();
    empty_sections["thresholds"] = json::array();
    empty_sections["breaking_point"]["min_capacity"] = nullptr;
    json wrong_types = {{"verdict", 3},        {"reasons", "x"},       {"steps", 5},
                        {"faults", nullptr},   {"thresholds", "none"}, {"breaking_point", "?"},
                        {"cascade", 1},        {"workloads", {1, 2}},  {"totals", "?"},
                        {"duration_s", "long"}};
    for (const auto& summary : {minimal, empty_sections, wrong_types}) {
        INFO(summary.dump());
        std::string html;
        REQUIRE_NOTHROW(html = render(summary));
        CHECK_THAT(html, Catch::Contains("<section id=\"verdict\""));
        for (const char* id : {"steps", "faults", "thresholds", "min-capacity"})
            CHECK(html.find("<section id=\"" + std::string(id) + "\">") == std::string::npos);
        CHECK(html.find("data-chart=\"capacity\"") == std::string::npos);
        CHECK(count(html, "no timeline.csv") == 4);
        CHECK(html.find("class=\"series\"") == std::string::npos);
        CHECK(html.rfind("</html>\n") == html.size() - 8);
    }
    CHECK_THAT(render(minimal), Catch::Contains("<section id=\"verdict\" class=\"verdict pass\">"));
    CHECK_THAT(render(wrong_types), Catch::Contains("NO VERDICT"));
}

TEST_CASE("malformed timeline.csv rows are skipped with a note", "[report][html]") {
    const auto rows = parse(header +
                            "0,0.1,a,10,10,0,0,0,1,2\n"
                            "1,0.2,a,10\n"                                   // too few fields
                            "2,0.3,a,ten,10,0,0,0,1,2\n"                     // not a number
                            "\n"                                             // blank: ignored
                            "3,0.4,a,10,10,0,0,0,-1,2\n"                     // negative
                            "4,0.5,b,10,10,0,0,0,nan,2\n"                    // not finite
                            "5,0.6,b,10,10,0,0,0,1,2,extra\n"                // too many fields
                            "6,0.7,b,99999999999999999999999,1,0,0,0,1,2\n"  // out of range
                            "7,0.8,b,10,8,2,0,0,1.5,3.5\r\n"                 // CRLF is fine
                            "8,0.9,a,10,10,0,0,0,1,2");                      // no final newline
    REQUIRE(rows.series.size() == 2);
    CHECK(rows.series[0].workload == "a");
    CHECK(rows.series[0].points.size() == 2);
    CHECK(rows.series[1].workload == "b");
    REQUIRE(rows.series[1].points.size() == 1);
    CHECK(rows.series[1].points[0].errors == 2);
    CHECK(rows.series[1].points[0].p99_ms == 3.5);
    REQUIRE(rows.notes.size() == 6);  // five named, then the count
    CHECK(rows.notes[0] == "timeline.csv line 3: 4 fields, expected 10: skipped");
    CHECK(rows.notes[1] == "timeline.csv line 4: a field is not a non-negative number: skipped");
    CHECK(rows.notes[5] == "timeline.csv: 6 malformed rows skipped in all");

    const auto html = render(golden_summary(), rows);
    CHECK_THAT(html,
               Catch::Contains("<li>timeline.csv line 3: 4 fields, expected 10: skipped</li>"));
    CHECK(count(chart(html, "p99"), "class=\"series\"") == 4);  // a, b, the summary's items, static
}

TEST_CASE("a timeline.csv without the needed columns, or empty, charts nothing and says why",
          "[report][html]") {
    const auto no_columns = parse("bucket,when,workload\n0,0.1,a\n");
    CHECK(no_columns.series.empty());
    REQUIRE(no_columns.notes.size() == 1);
    CHECK(
        no_columns.notes[0] ==
        "timeline.csv: the header lacks end_s, sent, ok, errors, p50_ms, p99_ms: nothing charted");
    const auto empty = parse("");
    CHECK(empty.present);
    CHECK(empty.series.empty());
    CHECK(empty.notes == std::vector<std::string>{"timeline.csv is empty: nothing charted"});
    // Columns are found by name: another order and an extra column read the same.
    const auto reordered = parse(
        "workload,p99_ms,p50_ms,errors,ok,sent,end_s,extra\n"
        "w,9,4,1,2,3,0.5,x\n");
    REQUIRE(reordered.series.size() == 1);
    const auto& p = reordered.series[0].points.at(0);
    CHECK((p.end_s == 0.5 && p.sent == 3 && p.ok == 2 && p.errors == 1 && p.p50_ms == 4 &&
           p.p99_ms == 9));
    CHECK(report::read_timeline_csv("/nonexistent-folder").present == false);
}

TEST_CASE("a long run's lines are thinned to at most 400 points", "[report][html]") {
    std::string csv = header;
    for (int b = 0; b < 36'000; ++b)
        for (const char* w : {"a", "b"})
            csv += std::to_string(b) + "," + std::to_string(0.1 * (b + 1)) + "," + w +
                   ",100,99,1,0,0,2,5\n";
    const auto rows = parse(csv);
    REQUIRE(rows.series.size() == 2);
    const auto html = render(json{{"verdict", "pass"}, {"duration_s", 3600.0}}, rows);
    CHECK(html.size() < 400'000);
    const auto c = chart(html, "throughput");
    const auto line = c.find("data-workload=\"a\"");
    REQUIRE(line != std::string::npos);
    const auto points = c.substr(line, c.find("/>", line) - line);
    CHECK(count(points, ",") <= 400);
    CHECK(count(points, ",") >= 300);
    // 99 ok per 100 ms is 990/s: the last point sits at that height, not at a bucket's.
    CHECK_THAT(c, Catch::Contains(">1000</text>"));
}

TEST_CASE("the throughput curve shows the knee and the USL fit when the summary has them",
          "[report][html]") {
    auto summary = golden_summary();
    summary["breaking_point"]["knee"] = {{"level", 8.0},
                                         {"throughput_rps", 1500.0},
                                         {"next_load_growth", 0.5},
                                         {"next_throughput_growth", 0.033}};
    summary["breaking_point"]["usl"] = {{"fitted", true},     {"sigma", 0.05},
                                        {"kappa", 0.001},     {"lambda", 210.0},
                                        {"peak_level", 30.8}, {"peak_throughput", 2900.0},
                                        {"r2", 0.98},         {"steps", 4}};
    const auto html = render(summary);
    const auto c = chart(html, "capacity");
    CHECK(count(c, "<polyline class=\"fit\"") == 1);
    CHECK(count(c, "<polyline class=\"curve\"") == 1);
    CHECK_THAT(c, Catch::Contains(">capacity, knee</text>"));  // one point, one label
    CHECK_THAT(html, Catch::Contains("Knee: level 8 at 1500.0/s (then load +50.0%, throughput "
                                     "+3.3%)"));
    CHECK_THAT(html, Catch::Contains("σ = 0.0500, κ = 0.001000, λ = 210.00/s, peak at level 30.8"));
    // The breaking step is marked in the table.
    CHECK_THAT(html, Catch::Contains("<tr class=\"breaking\"><td>2</td>"));
    CHECK_THAT(html, Catch::Contains("<td>breaking point (p99)</td>"));
    CHECK_THAT(html, Catch::Contains("p99 80.000 ms (limit 50.000 ms) at 4.7 s"));
}

TEST_CASE("faultline report writes report.html with the scenario file's FNV-1a 64 hash",
          "[report][html]") {
    test::temp_dir dir;
    for (const char* name : {"summary.json", "timeline.csv"})
        std::filesystem::copy_file(golden_dir / name, dir.path() / name);
    std::ofstream(dir.path() / "scenario.toml") << "a";
    report::render_results_folder(dir.path(), {"golden-host", {}});
    const auto html = report_test::read_all(dir.path() / "report.html");
    // FNV-1a 64 of "a" is af63dc4c8601ec8c (the reference vectors of the FNV authors).
    CHECK_THAT(html,
               Catch::Contains("<td>scenario hash (FNV-1a 64)</td><td>af63dc4c8601ec8c</td>"));
    CHECK(count(chart(html, "p99"), "class=\"series\"") == 2);

    std::filesystem::remove(dir.path() / "timeline.csv");
    std::filesystem::remove(dir.path() / "scenario.toml");
    report::render_results_folder(dir.path(), {"golden-host", {}});
    const auto without = report_test::read_all(dir.path() / "report.html");
    CHECK(count(without, "no timeline.csv") == 4);
    CHECK(without.find("scenario hash") == std::string::npos);
}
