// --time-scale: the schedule's durations scaled before validation, rounded to the 100 ms grid,
// everything else untouched, and every rule checked again on the scaled values.
#include <catch2/catch.hpp>

#include <faultline/scenario/loader.hpp>

#include "scenario_test_util.hpp"

using namespace std::chrono_literals;
using faultline::nanoseconds;
using faultline::scenario::test::load_errors;
using faultline::scenario::test::load_ok;
using faultline::scenario::test::no_env;
namespace sc = faultline::scenario;
namespace ramps = faultline::ramps;

namespace {

sc::load_options scaled_by(double scale, std::vector<std::string> overrides = {}) {
    auto options = no_env();
    options.time_scale = scale;
    options.overrides = std::move(overrides);
    return options;
}

// A drill with every kind of duration: 3 steps of 10 s, a toxic fault at 12 s for 5 s and a kill
// at 20 s restarted 4 s later. The [ramp] table starts at line 16, the second fault at line 34.
constexpr std::string_view drill = R"(name = "t"
[[proxies]]
name = "db"
listen = "127.0.0.1:15432"
upstream = "127.0.0.1:5432"
[[services]]
name = "svc"
command = ["faultline-sample"]
ready = { tcp = "127.0.0.1:18080", timeout = "5s" }
stop_timeout = "3s"
[[workloads]]
name = "w"
think_time = "50ms"
depends_on = ["db"]
http = { url = "http://127.0.0.1:18080/", timeout = "3s", connect_timeout = "1s" }
[ramp]
start = 1
step = 1
max = 3
step_duration = "10s"
warmup = "2s"
[breaking_point]
p99 = "100ms"
window = "2s"
[slo]
window = "1s"
stable_for = "5s"
latency = { p = 99, max = "200ms" }
[[faults]]
proxy = "db"
at = "12s"
duration = "5s"
lease = "5s"
toxic = { type = "latency", latency = "300ms", jitter = "50ms" }
[[faults]]
service = "svc"
process = "kill"
at = "20s"
restart_after = "4s"
[[thresholds]]
expr = "p95 < 2s"
window = "2s"
for = "3s"
)";

// A steps ramp of `step_duration` with `fault_lines` after it, on proxy "db".
std::string steps_with(const std::string& ramp_lines, const std::string& fault_lines = "") {
    return "name = \"t\"\n"                                  // 1
           "[[proxies]]\n"                                   // 2
           "name = \"db\"\n"                                 // 3
           "listen = \"127.0.0.1:15432\"\n"                  // 4
           "upstream = \"127.0.0.1:5432\"\n"                 // 5
           "[[workloads]]\n"                                 // 6
           "name = \"w\"\n"                                  // 7
           "http = { url = \"http://127.0.0.1:18080/\" }\n"  // 8
           "[breaking_point]\n"                              // 9
           "error_rate = \"1%\"\n"                           // 10
           "[ramp]\n"                                        // 11
           "start = 1\nstep = 1\nmax = 2\n" +                // 12-14
           ramp_lines +
           fault_lines;  // 15...
}

}  // namespace

TEST_CASE("a time scale of 1 changes nothing", "[scenario][time_scale]") {
    const auto s = load_ok(drill, scaled_by(1.0));
    CHECK(s.ramp.steps().step_duration == 10s);
    CHECK(s.faults[0].at == 12s);
    CHECK(s.slo.stable_for == 5s);
}

TEST_CASE("every duration of the schedule is scaled", "[scenario][time_scale]") {
    const auto s = load_ok(drill, scaled_by(0.1));
    CHECK(s.ramp.steps().step_duration == 1s);
    CHECK(s.ramp.steps().warmup == 200ms);
    const auto& steps = std::get<ramps::steps_config>(s.ramp.shape_config);
    CHECK(steps.step_duration == 1s);
    CHECK(steps.warmup == 200ms);
    REQUIRE(s.faults.size() == 2);
    CHECK(s.faults[0].at == 1200ms);
    CHECK(s.faults[0].duration == std::optional<nanoseconds>(500ms));
    CHECK(s.faults[1].at == 2s);
    CHECK(std::get<sc::process_fault>(s.faults[1].action).restart_after ==
          std::optional<nanoseconds>(400ms));
    CHECK(s.slo.stable_for == 500ms);
    REQUIRE(s.thresholds.size() == 1);
    CHECK(s.thresholds[0].hold_for == 300ms);
}

TEST_CASE("timeouts, think times, windows, latencies and leases are not scaled",
          "[scenario][time_scale]") {
    const auto s = load_ok(drill, scaled_by(0.1));
    const auto& http = s.workloads[0].driver_as<faultline::drivers::http_workload>();
    CHECK(http.request_timeout == 3s);
    CHECK(http.connect_timeout == 1s);
    CHECK(s.workloads[0].think_time == 50ms);
    REQUIRE(s.services[0].ready.has_value());
    CHECK(s.services[0].ready->timeout == 5s);
    CHECK(s.services[0].stop_timeout == 3s);
    CHECK(s.breaking_point.window == 2s);
    CHECK(s.breaking_point.latency.at(0).limit == 100ms);
    CHECK(s.slo.window == 1s);
    CHECK(s.slo.latency == std::optional<nanoseconds>(200ms));
    CHECK(s.thresholds[0].window == 2s);
    CHECK(s.faults[0].lease == 5s);
    const auto& toxic = std::get<sc::toxic_fault>(s.faults[0].action).toxic;
    CHECK(toxic.attributes.at("latency") == 300);
    CHECK(toxic.attributes.at("jitter") == 50);
}

TEST_CASE("every shape's durations are scaled", "[scenario][time_scale]") {
    const std::string head =
        "name = \"t\"\n[[workloads]]\nname = \"w\"\nhttp = { url = \"http://127.0.0.1:1/\" }\n"
        "[ramp]\n";
    SECTION("stages") {
        const auto s = load_ok(head +
                                   "shape = \"stages\"\nwarmup = \"3s\"\nstages = [{ target = 5, "
                                   "duration = \"30s\" }, { target = 5, duration = \"1m\" }]\n",
                               scaled_by(0.5));
        const auto& c = std::get<ramps::stages_config>(s.ramp.shape_config);
        CHECK(c.warmup == 1500ms);
        CHECK(c.stages.at(0).duration == 15s);
        CHECK(c.stages.at(1).duration == 30s);
    }
    SECTION("spike") {
        const auto s = load_ok(head +
                                   "shape = \"spike\"\nbaseline = 4\nbaseline_duration = \"10s\"\n"
                                   "spike = 40\nspike_duration = \"3s\"\nrecovery_duration = "
                                   "\"20s\"\nwarmup = \"1s\"\n",
                               scaled_by(0.1));
        const auto& c = std::get<ramps::spike_config>(s.ramp.shape_config);
        CHECK(c.baseline_duration == 1s);
        CHECK(c.spike_duration == 300ms);
        CHECK(c.recovery_duration == 2s);
        CHECK(c.warmup == 100ms);
    }
    SECTION("soak") {
        const auto s = load_ok(
            head +
                "shape = \"soak\"\nlevel = 3\nduration = \"1h\"\nramp_up = \"2m\"\nwarmup = "
                "\"1m\"\n",
            scaled_by(0.01));
        const auto& c = std::get<ramps::soak_config>(s.ramp.shape_config);
        CHECK(c.duration == 36s);
        CHECK(c.ramp_up == 1200ms);
        CHECK(c.warmup == 600ms);
    }
}

TEST_CASE("scaled durations are rounded to the nearest 100 ms, at least 100 ms",
          "[scenario][time_scale]") {
    // 10s × 0.0123 = 123 ms -> 100 ms; 3s × 0.0123 = 36.9 ms -> 100 ms; "0s" stays 0.
    auto s = load_ok(steps_with("step_duration = \"10s\"\nwarmup = \"0s\"\n"), scaled_by(0.0123));
    CHECK(s.ramp.steps().step_duration == 100ms);
    CHECK(s.ramp.steps().warmup == 0s);
    // 2.5s × 0.1 = 250 ms -> 300 ms (halves up); 1.44s × 0.1 = 144 ms -> 100 ms.
    s = load_ok(steps_with("step_duration = \"2.5s\"\nwarmup = \"1.44s\"\n"), scaled_by(0.1));
    CHECK(s.ramp.steps().step_duration == 300ms);
    CHECK(s.ramp.steps().warmup == 100ms);
    // A scale above 1 lengthens: 1.25s × 3 = 3.75 s -> 3.8 s.
    s = load_ok(steps_with("step_duration = \"1.25s\"\nwarmup = \"0s\"\n"), scaled_by(3));
    CHECK(s.ramp.steps().step_duration == 3800ms);
}

TEST_CASE("the defaults of the schedule are scaled too", "[scenario][time_scale]") {
    // step_duration 5s and warmup 1s by default; stable_for 10s.
    const auto s = load_ok(steps_with(""), scaled_by(0.2));
    CHECK(s.ramp.steps().step_duration == 1s);
    CHECK(s.ramp.steps().warmup == 200ms);
    CHECK(s.slo.stable_for == 2s);
}

TEST_CASE("overrides are scaled like the file", "[scenario][time_scale]") {
    const auto s = load_ok(steps_with("step_duration = \"10s\"\n"),
                           scaled_by(0.1, {"ramp.step_duration=20s"}));
    CHECK(s.ramp.steps().step_duration == 2s);
}

TEST_CASE("the rules are checked again on the scaled values, at their lines",
          "[scenario][time_scale]") {
    SECTION("a fault that rounding pushes outside the plan") {
        // Two steps of 1.4 s × 0.1 = 140 ms -> 100 ms: the plan lasts 200 ms; the fault at
        // 2.5 s × 0.1 = 250 ms -> 300 ms is not inside it any more.
        const auto text = steps_with("step_duration = \"1.4s\"\nwarmup = \"0s\"\n",
                                     "[[faults]]\nproxy = \"db\"\noutage = \"reset\"\n"  // 17-19
                                     "at = \"2.5s\"\n");                                 // 20
        CHECK(load_ok(text).faults.at(0).at == 2500ms);
        const auto errors = load_errors(text, scaled_by(0.1));
        INFO(faultline::core::to_string(errors));
        REQUIRE(errors.size() == 2);
        CHECK(errors[0].line == 0);
        CHECK_THAT(errors[0].message, Catch::Contains("--time-scale 0.1"));
        CHECK(errors[1].line == 20);
        CHECK(errors[1].column == 6);
        CHECK_THAT(errors[1].message, Catch::Contains("faults.0.at: 300ms is not inside the run") &&
                                          Catch::Contains("lasts 200ms"));
    }
    SECTION("a warm-up that rounding makes as long as a step") {
        // 1.1 s × 0.1 = 110 ms -> 100 ms, the default warm-up 1 s × 0.1 = 100 ms.
        const auto errors = load_errors(steps_with("step_duration = \"1.1s\"\n"), scaled_by(0.1));
        INFO(faultline::core::to_string(errors));
        REQUIRE(errors.size() == 2);
        CHECK(errors[1].line == 11);  // the default is written in at [ramp]
        CHECK_THAT(errors[1].message, Catch::Contains("ramp.warmup (100ms) must be shorter than "
                                                      "ramp.step_duration (100ms)"));
    }
}

TEST_CASE("the note a scaled run prints", "[scenario][time_scale]") {
    CHECK(sc::time_scale_note(0.1) ==
          "time scale 0.1: durations of the plan, faults and recovery are ×0.1");
}
