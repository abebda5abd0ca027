// [ramp] shape = "stages" | "spike" | "soak": each shape's keys load into its configuration, and
// each mistake is reported at its key.
#include <catch2/catch.hpp>

#include <faultline/scenario/loader.hpp>

#include "scenario_test_util.hpp"

using namespace std::chrono_literals;
using faultline::scenario::test::load_errors;
using faultline::scenario::test::load_ok;
using faultline::scenario::test::require_single;
namespace ramps = faultline::ramps;

namespace {

// A scenario whose [ramp] lines start at line 6.
std::string with_ramp(const std::string& ramp_lines) {
    return "name = \"t\"\n"                                  // 1
           "[[workloads]]\n"                                 // 2
           "name = \"w\"\n"                                  // 3
           "http = { url = \"http://127.0.0.1:18080/\" }\n"  // 4
           "[ramp]\n" +                                      // 5
           ramp_lines +
           "[breaking_point]\nerror_rate = \"1%\"\n";
}

}  // namespace

TEST_CASE("the steps shape is the default and keeps its step fields", "[scenario][shapes]") {
    const auto s = load_ok(with_ramp("start = 2\nstep = 2\nmax = 8\n"));
    CHECK(s.ramp.shape == "steps");
    CHECK(s.ramp.searches());
    const auto& steps = std::get<ramps::steps_config>(s.ramp.shape_config);
    CHECK(steps.start == 2);
    CHECK(steps.step == 2);
    CHECK(steps.max == 8);
    CHECK(steps.step_duration == 5s);
    CHECK(steps.whole_levels);
}

TEST_CASE("a stages shape loads every stage", "[scenario][shapes]") {
    const auto s =
        load_ok(with_ramp("model = \"open\"\nshape = \"stages\"\nwarmup = \"1s\"\n"
                          "stages = [\n"
                          "  { target = \"100/s\", duration = \"5s\" },\n"
                          "  { target = 100, duration = \"10s\" },\n"
                          "  { target = \"300/s\", duration = \"10s\", transition = \"jump\" },\n"
                          "  { target = 0, duration = \"5s\" },\n"
                          "]\n"));
    CHECK(s.ramp.shape == "stages");
    CHECK_FALSE(s.ramp.searches());
    const auto& config = std::get<ramps::stages_config>(s.ramp.shape_config);
    CHECK(config.start == 0);
    CHECK(config.warmup == 1s);
    REQUIRE(config.stages.size() == 4);
    CHECK(config.stages[0].target == 100);
    CHECK(config.stages[0].transition == ramps::stage_transition::ramp);
    CHECK(config.stages[2].target == 300);
    CHECK(config.stages[2].transition == ramps::stage_transition::jump);
    CHECK(config.stages[3].target == 0);
    CHECK(config.stages[3].duration == 5s);
}

TEST_CASE("spike and soak shapes load their keys", "[scenario][shapes]") {
    const auto spike = load_ok(
        with_ramp("shape = \"spike\"\nbaseline = 4\nbaseline_duration = \"5s\"\nspike = 40\n"
                  "spike_duration = \"3s\"\nrecovery_duration = \"10s\"\nwarmup = \"1s\"\n"));
    const auto& s = std::get<ramps::spike_config>(spike.ramp.shape_config);
    CHECK(s.baseline == 4);
    CHECK(s.spike == 40);
    CHECK(s.baseline_duration == 5s);
    CHECK(s.spike_duration == 3s);
    CHECK(s.recovery_duration == 10s);
    CHECK(s.warmup == 1s);

    const auto soak =
        load_ok(with_ramp("shape = \"soak\"\nlevel = 8\nduration = \"1h\"\nramp_up = \"1m\"\n"));
    const auto& k = std::get<ramps::soak_config>(soak.ramp.shape_config);
    CHECK(k.level == 8);
    CHECK(k.duration == 1h);
    CHECK(k.ramp_up == 1min);
    CHECK(k.warmup == 0s);
}

TEST_CASE("shape mistakes name their key, line and column", "[scenario][shapes][errors]") {
    SECTION("an unknown shape") {
        require_single(load_errors(with_ramp("shape = \"wave\"\n")), 6, 9,
                       "ramp.shape: unknown shape \"wave\"; expected one of \"steps\", "
                       "\"stages\", \"spike\", \"soak\"");
    }
    SECTION("a key of another shape") {
        require_single(
            load_errors(with_ramp("shape = \"soak\"\nlevel = 8\nduration = \"1m\"\nmax = 9\n")), 9,
            1, "unknown key 'max' in [ramp]");
    }
    SECTION("a spike no higher than its baseline") {
        require_single(load_errors(with_ramp(
                           "shape = \"spike\"\nbaseline = 40\nbaseline_duration = \"5s\"\n"
                           "spike = 40\nspike_duration = \"3s\"\nrecovery_duration = \"10s\"\n")),
                       9, 9, "ramp.spike must be > baseline");
    }
    SECTION("a missing spike key") {
        require_single(load_errors(with_ramp("shape = \"spike\"\nbaseline = 4\n"
                                             "baseline_duration = \"5s\"\nspike = 40\n"
                                             "recovery_duration = \"10s\"\n")),
                       5, 1, "missing required key 'spike_duration' in [ramp]");
    }
    SECTION("a stage without a duration") {
        require_single(load_errors(with_ramp("shape = \"stages\"\nstages = [{ target = 5 }]\n")), 7,
                       11, "missing required key 'duration' in a stage");
    }
    SECTION("a stage with a zero duration, at the stage's value") {
        require_single(load_errors(with_ramp("shape = \"stages\"\n"
                                             "stages = [{ target = 5, duration = \"0s\" }]\n")),
                       7, 36, "ramp.stages.0.duration must be > 0");
    }
    SECTION("an unknown transition") {
        require_single(
            load_errors(with_ramp("shape = \"stages\"\nstages = [{ target = 5, duration = \"1s\", "
                                  "transition = \"step\" }]\n")),
            7, 55, "expected \"ramp\" (linearly from the previous level) or \"jump\"");
    }
    SECTION("a warm-up as long as the soak") {
        require_single(load_errors(with_ramp(
                           "shape = \"soak\"\nlevel = 8\nduration = \"10s\"\nwarmup = \"10s\"\n")),
                       9, 10, "ramp.warmup must be shorter than duration");
    }
    SECTION("refinement outside the steps shape") {
        require_single(load_errors(with_ramp("shape = \"soak\"\nlevel = 8\nduration = \"10s\"\n"
                                             "refine = true\n")),
                       9, 10, "only shape = \"steps\" does");
    }
}

TEST_CASE("[slo] loads its bounds; defaults otherwise", "[scenario][slo]") {
    const auto defaults = load_ok(with_ramp("step = 1\nmax = 2\n"));
    CHECK(defaults.slo.error_rate == Approx(0.01));
    CHECK_FALSE(defaults.slo.latency.has_value());
    CHECK(defaults.slo.min_throughput == Approx(0.9));
    CHECK(defaults.slo.window == 1s);
    CHECK(defaults.slo.stable_for == 10s);

    const auto s = load_ok(with_ramp("step = 1\nmax = 2\n") +
                           "[slo]\nerror_rate = \"0.5%\"\nlatency = { p = 99.9, max = \"250ms\" }\n"
                           "min_throughput = \"80%\"\nwindow = \"2s\"\nstable_for = \"5s\"\n");
    CHECK(s.slo.error_rate == Approx(0.005));
    CHECK(s.slo.quantile == Approx(99.9));
    CHECK(s.slo.latency == std::optional<faultline::nanoseconds>(250ms));
    CHECK(s.slo.min_throughput == Approx(0.8));
    CHECK(s.slo.window == 2s);
    CHECK(s.slo.stable_for == 5s);
}

TEST_CASE("[slo] mistakes name their key", "[scenario][slo][errors]") {
    const auto base = with_ramp("step = 1\nmax = 2\n");  // [slo] is on line 10
    require_single(load_errors(base + "[slo]\nlatency = { p = 120, max = \"1s\" }\n"), 11, 17,
                   "slo.latency.p: expected a percentile above 0 and at most 100");
    require_single(load_errors(base + "[slo]\nlatency = { p = 99 }\n"), 11, 11,
                   "missing required key 'max' in slo.latency");
    require_single(load_errors(base + "[slo]\nwindow = \"150ms\"\n"), 11, 10,
                   "slo.window: expected a multiple of 100ms");
}
