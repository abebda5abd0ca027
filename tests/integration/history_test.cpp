// Run history in PostgreSQL as a user keeps it: `run --store`, `history`, `compare --baseline
// last-pass`, and a store that goes away in the middle of a run.
#include <algorithm>
#include <csignal>
#include <filesystem>
#include <thread>

#include <catch2/catch.hpp>

#include <faultline/test/data_servers.hpp>

#include "faultline_run.hpp"
#include "process_runner.hpp"

using namespace std::chrono_literals;
using faultline::test::run_process;
using namespace faultline::test::runs;

namespace {

// faultline-sample (4 workers of 5 ms) in `steps` closed-model steps of 1 s: levels 1, 2, ...
std::string tiny_scenario(int steps) {
    return sample_with_items("history-itest", faultline::test::free_port(),
                             R"(, "--workers", "4", "--service-time", "5ms")") +
           "[ramp]\nstart = 1\nstep = 1\nmax = " + std::to_string(steps) +
           "\nstep_duration = \"1s\"\nwarmup = \"200ms\"\n"
           "[breaking_point]\nerror_rate = \"5%\"\n";
}

std::size_t lines_starting_with(const std::string& text, const std::string& prefix) {
    std::size_t n = text.rfind(prefix, 0) == 0 ? 1 : 0;
    for (auto at = text.find('\n' + prefix); at != std::string::npos;
         at = text.find('\n' + prefix, at + 1))
        ++n;
    return n;
}

}  // namespace

TEST_CASE(
    "run --store keeps each run; history shows the trend; compare takes the last pass; "
    "a store that goes away mid-run costs only a warning",
    "[.integration][history][postgres]") {
    faultline::test::postgres_server pg;
    const auto store = pg.conninfo();
    faultline::test::temp_dir dir;
    const auto scenario = write_file(dir, "s.toml", tiny_scenario(2));
    std::vector<std::filesystem::path> folders;
    for (int i = 0; i < 3; ++i) {
        folders.push_back(dir.path() / ("run" + std::to_string(i)));
        auto r = run_process(faultline_bin(),
                             {"run", scenario, "--results", folders.back().string(), "--store",
                              store, "--no-progress"},
                             30s);
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
        CHECK(r.output.find("stored run " + std::to_string(i + 1) + " in 127.0.0.1:" +
                            std::to_string(pg.port()) + "/postgres") != std::string::npos);
        // started_at has whole seconds: the next run starts in a later one.
        if (i < 2)
            std::this_thread::sleep_for(1s);
    }

    auto history =
        run_process(faultline_bin(), {"history", "history-itest", "--store", store}, 10s);
    INFO(history.output);
    CHECK(history.exit_code == 0);
    CHECK(lines_starting_with(history.output, "#") == 3);
    CHECK(lines_starting_with(history.output, "capacity ") == 1);

    // The last pass before the third run is the second, not the third itself. The threshold is
    // the widest: two runs of a few seconds on a shared machine differ in their tail latency.
    auto compare = run_process(faultline_bin(),
                               {"compare", "--baseline", "last-pass", folders[2].string(),
                                "--store", store, "--threshold", "100%"},
                               10s);
    INFO(compare.output);
    CHECK(compare.exit_code == 0);
    const auto second = read_json(folders[1] / "summary.json")["started_at"].get<std::string>();
    CHECK(compare.output.find("started " + second) != std::string::npos);

    // The store stops 1 s into a 4 s run: the run completes, writes its results and warns.
    const auto last = dir.path() / "down";
    const auto longer = write_file(dir, "longer.toml", tiny_scenario(4));
    std::thread stopper([&pg] {
        std::this_thread::sleep_for(1s);
        ::kill(pg.pid(), SIGINT);  // PostgreSQL's fast shutdown
    });
    auto down = run_process(
        faultline_bin(),
        {"run", longer, "--results", last.string(), "--store", store, "--no-progress"}, 30s);
    stopper.join();
    INFO(down.output);
    CHECK(down.exit_code == 0);
    CHECK(std::filesystem::exists(last / "summary.json"));
    CHECK(lines_starting_with(down.output, "warning: could not store the run: ") == 1);
    CHECK(down.output.find("stored run") == std::string::npos);
}
