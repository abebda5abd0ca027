// `faultline compare` as CI runs it: two results folders, an exit code that gates the build.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <faultline/test/support.hpp>

#include "faultline_run.hpp"
#include "process_runner.hpp"

using namespace std::chrono_literals;
using faultline::test::run_process;
using namespace faultline::test::runs;

namespace {

const std::filesystem::path golden_summary =
    std::filesystem::path(FAULTLINE_SOURCE_DIR) / "tests/golden/summary.json";

std::filesystem::path results_folder(const faultline::test::temp_dir& dir, const std::string& name,
                                     const nlohmann::json& summary) {
    const auto folder = dir.path() / name;
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "summary.json") << summary.dump(2) << '\n';
    return folder;
}

// Every successful-response count and throughput figure times `factor`.
nlohmann::json scaled_throughput(nlohmann::json summary, double factor) {
    const auto scale = [factor](nlohmann::json& v) {
        if (v.is_number_integer())
            v = static_cast<std::uint64_t>(static_cast<double>(v.get<std::uint64_t>()) * factor);
        else if (v.is_number())
            v = v.get<double>() * factor;
    };
    scale(summary["totals"]["ok"]);
    for (auto& [name, workload] : summary["workloads"].items())
        scale(workload["ok"]);
    for (auto& step : summary["steps"])
        scale(step["throughput_rps"]);
    scale(summary["breaking_point"]["capacity"]["throughput_rps"]);
    return summary;
}

faultline::test::process_result compare(const std::vector<std::string>& args) {
    std::vector<std::string> all{"compare"};
    all.insert(all.end(), args.begin(), args.end());
    auto r = run_process(faultline_bin(), all, 10s);
    REQUIRE_FALSE(r.timed_out);
    return r;
}

}  // namespace

TEST_CASE(
    "faultline compare: identical runs exit 0; 20 % less throughput exits 1 at 10 %; "
    "a folder without a summary exits 2",
    "[.integration][compare]") {
    faultline::test::temp_dir dir;
    const auto summary = read_json(golden_summary);
    const auto baseline = results_folder(dir, "baseline", summary).string();
    const auto same = results_folder(dir, "same", summary).string();
    const auto slower = results_folder(dir, "slower", scaled_throughput(summary, 0.8)).string();

    auto r = compare({baseline, same, "--threshold", "10%"});
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.output, Catch::Contains("no regression beyond 10%"));

    r = compare({baseline, slower, "--threshold", "10%"});
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.output, Catch::Contains("items throughput_rps") &&
                             Catch::Contains("-20.0%  REGRESSION") &&
                             Catch::Contains("capacity throughput_rps") &&
                             Catch::Contains("regressions beyond 10%"));

    // The same drop is within a 25 % threshold; --markdown prints a table for a PR comment.
    r = compare({baseline, slower, "--threshold", "25%", "--markdown"});
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.output, Catch::StartsWith("| metric | baseline | current | delta | |\n") &&
                             Catch::Contains("**no regression beyond 25%**"));

    const auto missing = (dir.path() / "missing").string();
    r = compare({baseline, missing});
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains(missing + "/summary.json: no such file"));

    r = compare({baseline, same, "--threshold", "ten"});
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("--threshold ten"));
}
