// The shipped drills (scenarios/drill-*.toml), run as a user runs them: each owns its Redis,
// PostgreSQL and sample service, and gives its expected verdict.
#include <catch2/catch.hpp>

#include "faultline_run.hpp"

using namespace std::chrono_literals;
using namespace faultline::test::runs;

TEST_CASE("each shipped drill gives its expected verdict", "[.integration][drill][scenarios]") {
    struct row {
        const char* file;
        const char* verdict;
        bool cascade;
        const char* affected;  // a workload that must have turned unhealthy
    };
    auto r = GENERATE(values<row>({
        {"drill-cache-outage.toml", "fail", true, "items"},
        {"drill-cache-outage-contained.toml", "pass", false, "items"},
        {"drill-db-latency.toml", "pass", false, "orders"},
        {"drill-db-kill.toml", "pass", false, "orders"},
        {"drill-proxy-loss.toml", "pass", false, "orders"},
    }));
    INFO(r.file);
    faultline::test::temp_dir dir;
    const auto started = std::chrono::steady_clock::now();
    // At half their length (--time-scale 0.5: 15 s, the fault at 5 s), as a CI smoke run would;
    // the verdicts are those of the full drills (checked at both scales on 2026-12-07).
    auto run = run_file(dir, std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/" + r.file, 120s,
                        {"--time-scale", "0.5"}, std::string(r.verdict) == "pass" ? 0 : 1);
    INFO(run.output);
    CHECK(std::chrono::steady_clock::now() - started < 2min);
    const auto& s = run.summary;
    check_accounting(s["totals"]);
    CHECK(s["verdict"] == r.verdict);
    CHECK(s["cascade"]["detected"] == r.cascade);
    REQUIRE(s["faults"].size() == 1);
    const auto& f = s["faults"][0];
    REQUIRE(f["took_effect"] == true);
    CHECK(f["workloads"][r.affected]["affected"] == true);
    CHECK(f["workloads"][r.affected]["recovered"] == true);
    // The control group: /static turns unhealthy only when the knobs are off.
    CHECK(f["workloads"]["static"]["affected"] == r.cascade);
    if (r.cascade)
        CHECK(s["cascade"]["spillover"][0]["workload"] == "static");
}
