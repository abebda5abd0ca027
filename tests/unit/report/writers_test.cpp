#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <faultline/report/results_writer.hpp>
#include <faultline/report/timeline_csv_reader.hpp>
#include <faultline/report/writers.hpp>
#include <faultline/test/support.hpp>

using namespace std::chrono_literals;
using namespace faultline;

namespace {
std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

report::run_result sample_result() {
    report::run_result r;
    r.scenario = "demo";
    r.version = "0.1.0";
    r.model = "closed";
    r.duration_s = 12.5;
    for (int i = 0; i < 2; ++i) {
        report::step_record s;
        s.index = static_cast<std::size_t>(i);
        s.level = 8.0 * (i + 1);
        s.throughput_rps = 1000.0 * (i + 1);
        s.latency = {2ms, 3ms, 5ms, 9ms};
        s.counts.sent = 100;
        s.counts.outcomes[static_cast<std::size_t>(stats::outcome::ok)] = 97;
        s.counts.outcomes[static_cast<std::size_t>(stats::outcome::timeout)] = 3;
        s.passed = i == 0;
        if (i == 1)
            s.tripped = {{"p99", 84.5, 50, ramps::trip_unit::milliseconds, 7.3},
                         {"knee", 0.02, 0.05, ramps::trip_unit::fraction, std::nullopt}};
        r.steps.push_back(s);
    }
    r.breaking_point.found = true;
    r.breaking_point.step = 1;
    r.breaking_point.level = 16;
    r.breaking_point.criterion = "p99";
    r.breaking_point.capacity = ramps::capacity_point{8, 1000};
    r.totals.sent = 200;
    r.totals.outcomes[static_cast<std::size_t>(stats::outcome::ok)] = 194;
    r.totals.outcomes[static_cast<std::size_t>(stats::outcome::timeout)] = 5;
    r.totals.outcomes[static_cast<std::size_t>(stats::outcome::cancelled)] = 1;
    return r;
}
}  // namespace

TEST_CASE("summary.json carries the contract's keys and values", "[report]") {
    test::temp_dir dir;
    report::write_summary_json(sample_result(), dir.path() / "summary.json");
    std::ifstream in(dir.path() / "summary.json");
    auto j = nlohmann::json::parse(in);
    for (const char* key :
         {"scenario", "started_at", "duration_s", "version", "model", "steps", "breaking_point",
          "faults", "cascade", "thresholds", "totals", "verdict", "reasons"}) {
        INFO(key);
        CHECK(j.contains(key));
    }
    REQUIRE(j["steps"].size() == 2);
    const auto& step = j["steps"][1];
    for (const char* key :
         {"level", "offered_rps", "throughput_rps", "error_rate", "p50_ms", "p90_ms", "p99_ms",
          "max_ms", "errors", "passed", "tripped", "generator_bound"}) {
        INFO(key);
        CHECK(step.contains(key));
    }
    CHECK(step["p99_ms"].get<double>() == Approx(5.0));
    CHECK(step["errors"]["timeout"] == 3);
    CHECK(step["tripped"] ==
          nlohmann::json::parse(
              R"([{"criterion":"p99","value":84.5,"limit":50,"unit":"ms","at_s":7.3},
                                    {"criterion":"knee","value":0.02,"limit":0.05,"unit":"fraction",
                                     "at_s":null}])"));
    CHECK(j["breaking_point"]["found"] == true);
    CHECK(j["breaking_point"]["criterion"] == "p99");
    CHECK(j["breaking_point"]["capacity"]["level"] == 8);
    CHECK(j["breaking_point"]["capacity"]["throughput_rps"] == 1000);
    CHECK(j["totals"]["sent"] == 200);
    CHECK(j["totals"]["ok"] == 194);
    CHECK(j["totals"]["errors"]["timeout"] == 5);
    CHECK(j["totals"]["cancelled"] == 1);
    CHECK(j["verdict"] == "pass");
}

TEST_CASE("steps.csv has a header and one row per step", "[report]") {
    test::temp_dir dir;
    report::write_steps_csv(sample_result(), dir.path() / "steps.csv");
    std::ifstream in(dir.path() / "steps.csv");
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].rfind("index,level,", 0) == 0);
    CHECK(lines[2].find(",p99;knee,") != std::string::npos);
}

TEST_CASE("an unwritable path is an error, not a silent success", "[report]") {
    CHECK_THROWS_AS(report::write_summary_json(sample_result(), "/nonexistent-dir/summary.json"),
                    std::runtime_error);
}

TEST_CASE("the writer registry: every file once, written after a run, re-rendered from the folder",
          "[report][writers]") {
    const auto writers = report::builtin_writers();
    std::set<std::string_view> files;
    for (const auto* w : writers) {
        INFO(w->file);
        CHECK((w->from_run != nullptr) != (w->from_folder != nullptr));
        CHECK(files.insert(w->file).second);
    }
    CHECK(files.count("summary.json") == 1);
    CHECK(files.count("report.html") == 1);
    // The run's files come before those rendered from them.
    bool rendering = false;
    for (const auto* w : writers) {
        if (w->from_folder != nullptr)
            rendering = true;
        else
            CHECK_FALSE(rendering);
    }

    test::temp_dir dir;
    const auto result = sample_result();
    stats::timeline timeline({"items"});
    stats::interval_snapshot bucket;
    bucket.workloads.resize(1);
    bucket.workloads[0].counts.sent = 10;
    bucket.workloads[0].counts.outcomes[static_cast<std::size_t>(stats::outcome::ok)] = 10;
    bucket.workloads[0].latency.record_n(3ms, 10);
    timeline.append(bucket);
    const std::vector<double> end_s{0.1};
    report::write_results_folder({result, timeline, end_s}, dir.path(), {"ci-host", {}});
    std::map<std::string, std::string> first;
    for (const auto* w : writers) {
        INFO(w->file);
        const auto text = read_file(dir.path() / w->file);
        CHECK_FALSE(text.empty());
        first[std::string(w->file)] = text;
    }
    // `faultline report DIR`: the rendered files again, identical; the run's files untouched.
    for (const auto* w : writers) {
        if (w->from_folder != nullptr)
            std::filesystem::remove(dir.path() / w->file);
    }
    report::render_results_folder(dir.path(), {"ci-host", {}});
    for (const auto* w : writers) {
        INFO(w->file);
        CHECK(read_file(dir.path() / w->file) == first[std::string(w->file)]);
    }
}

TEST_CASE("timeline.csv quotes names as RFC 4180 says, and reads them back whole",
          "[report][csv]") {
    const std::vector<std::string> names = {"plain", "a,b", "say \"hi\"", "two\nlines"};
    stats::timeline timeline(names);
    stats::interval_snapshot bucket;
    bucket.workloads.resize(names.size());
    for (auto& w : bucket.workloads) {
        w.counts.sent = 3;
        w.counts.outcomes[stats::to_index(stats::outcome::ok)] = 3;
        w.latency.record_n(std::chrono::milliseconds(2), 3);
    }
    timeline.append(bucket);
    timeline.append(bucket);
    const std::vector<double> end_s = {0.1, 0.2};
    faultline::test::temp_dir dir;
    report::write_timeline_csv(timeline, end_s, dir.path() / "timeline.csv");
    std::ifstream in(dir.path() / "timeline.csv");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find(",\"a,b\",") != std::string::npos);
    CHECK(text.find(",\"say \"\"hi\"\"\",") != std::string::npos);
    CHECK(text.find(",\"two\nlines\",") != std::string::npos);

    const auto rows = report::read_timeline_csv(dir.path());
    CHECK(rows.notes.empty());
    REQUIRE(rows.series.size() == names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        CHECK(rows.series[i].workload == names[i]);
        CHECK(rows.series[i].points.size() == 2);
    }
}
