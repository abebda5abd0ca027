// The load shapes end to end: the shipped spike.toml and soak.toml against the sample service
// (ports moved to free ones with --set), and a stages plan with a ramped segment.
#include <catch2/catch.hpp>

#include <faultline/test/nginx.hpp>

#include "faultline_run.hpp"

using namespace std::chrono_literals;
using namespace faultline::test::runs;

namespace {

// The --set arguments that move a shipped scenario's sample service to `port`, with `flags`
// added to its command line.
std::vector<std::string> on_port(std::uint16_t port, const std::string& flags) {
    const auto p = std::to_string(port);
    return {"--set",
            "services.0.command=[\"faultline-sample\", \"--port\", \"" + p + "\"" + flags + "]",
            "--set",
            "services.0.ready.tcp=127.0.0.1:" + p,
            "--set",
            "workloads.0.http.url=http://127.0.0.1:" + p + "/items/{rand:1..10000}"};
}

// Runs scenarios/NAME with `extra` arguments; exit code `expected_exit`.
finished_run run_shipped(const faultline::test::temp_dir& dir, const std::string& name,
                         std::vector<std::string> extra, std::chrono::seconds limit,
                         int expected_exit) {
    return run_file(dir, faultline::test::source_dir() + "/scenarios/" + name, limit,
                    std::move(extra), expected_exit);
}

}  // namespace

TEST_CASE("spike.toml reports the recovery time after the spike", "[.integration][shapes][spike]") {
    // 4 workers, 5 ms: capacity 800/s. A 3 s spike to 1600/s queues 2400 requests, which drain at
    // 800 - 400 = 400/s once the baseline is back: about 6 s.
    faultline::test::temp_dir dir;
    const auto run = run_shipped(dir, "spike.toml",
                                 on_port(faultline::test::free_port(),
                                         ", \"--workers\", \"4\", \"--service-time\", \"5ms\""),
                                 90s, 0);
    INFO(run.output);
    const auto& summary = run.summary;
    REQUIRE(summary["steps"].size() == 3);
    CHECK(summary["steps"][0]["phase"] == "baseline");
    CHECK(summary["steps"][0]["judged"] == true);
    CHECK(summary["steps"][1]["phase"] == "spike");
    CHECK(summary["steps"][1]["judged"] == false);
    CHECK(summary["steps"][2]["phase"] == "after_spike");
    const auto& spike = summary["spike"];
    REQUIRE(spike.is_object());
    const auto& overall = spike["overall"];
    CHECK(overall["baseline_healthy"] == true);
    CHECK(overall["baseline_rps"].get<double>() == Approx(400).epsilon(0.05));
    REQUIRE(overall["recovered"] == true);
    CHECK(overall["time_to_recover_s"].get<double>() == Approx(6.0).margin(2.0));
    REQUIRE(overall["time_to_detect_s"].is_number());
    CHECK(overall["time_to_detect_s"].get<double>() < 3.0);
    CHECK(overall["outage_s"].get<double>() > overall["time_to_recover_s"].get<double>());
    CHECK(summary["verdict"] == "pass");
    check_accounting(summary["totals"]);
}

TEST_CASE("soak.toml reports a leak when the sample service leaks, and none when it does not",
          "[.integration][shapes][soak]") {
    const bool leaking = GENERATE(true, false);
    INFO((leaking ? "leaking" : "not leaking"));
    faultline::test::temp_dir dir;
    auto args =
        on_port(faultline::test::free_port(), leaking ? ", \"--leak-per-request\", \"4096\"" : "");
    args.insert(args.end(), {"--set", "ramp.duration=25s", "--set", "ramp.ramp_up=2s", "--set",
                             "ramp.warmup=5s"});
    const auto run = run_shipped(dir, "soak.toml", args, 90s, leaking ? 1 : 0);
    INFO(run.output);
    const auto& soak = run.summary["soak"];
    REQUIRE(soak.is_object());
    const auto& rss = soak["series"]["service.sample.rss_bytes"];
    REQUIRE(rss.is_object());
    CHECK(rss["samples"].get<int>() >= 15);
    CHECK(rss["significant"] == leaking);
    CHECK(soak["leak_suspected"] == leaking);
    bool names_the_leak = false;
    for (const auto& line : soak["suspected"])
        names_the_leak =
            names_the_leak || line.get<std::string>().find("rss_bytes") != std::string::npos;
    CHECK(names_the_leak == leaking);
    if (leaking) {
        // 500 requests/s × 4 KiB for 20 s: about 40 MB.
        CHECK(rss["last"].get<double>() - rss["first"].get<double>() > 20e6);
        CHECK(run.summary["verdict"] == "fail");
    }
    check_accounting(run.summary["totals"]);
}

TEST_CASE("a stages plan ramps, jumps and holds, judging only the held stages",
          "[.integration][shapes][stages]") {
    faultline::test::temp_dir dir;
    const std::string text =
        sample_with_items("stages", faultline::test::free_port(), ", \"--service-time\", \"1ms\"") +
        "[ramp]\nmodel = \"open\"\nshape = \"stages\"\nwarmup = \"500ms\"\nstages = [\n"
        "  { target = \"200/s\", duration = \"2s\" },\n"
        "  { target = \"200/s\", duration = \"2s\" },\n"
        "  { target = \"400/s\", duration = \"2s\", transition = \"jump\" },\n"
        "]\n"
        "[breaking_point]\nerror_rate = \"1%\"\n";
    const auto run = run_expecting_success(dir, text, 60s);
    INFO(run.output);
    const auto& steps = run.summary["steps"];
    REQUIRE(steps.size() == 3);
    // The ramp from 0 to 200/s: unjudged, about half of 200/s on average.
    CHECK(steps[0]["phase"] == "stage");
    CHECK(steps[0]["judged"] == false);
    CHECK(steps[0]["from_level"] == 0);
    CHECK(steps[0]["level"] == 200);
    const double ramp_sent = steps[0]["sent"].get<double>();
    CHECK(ramp_sent == Approx(200).epsilon(0.25));  // 2 s × 100/s on average
    // The holds: judged, at their rates.
    CHECK(steps[1]["judged"] == true);
    CHECK(steps[1]["throughput_rps"].get<double>() == Approx(200).epsilon(0.05));
    CHECK(steps[2]["judged"] == true);
    CHECK(steps[2]["from_level"].is_null());
    CHECK(steps[2]["throughput_rps"].get<double>() == Approx(400).epsilon(0.05));
    CHECK(run.summary["breaking_point"]["found"] == false);
    check_accounting(run.summary["totals"]);
}
