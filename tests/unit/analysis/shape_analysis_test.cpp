// The spike's recovery and the soak's drift, read from recordings whose truth is known.
#include <catch2/catch.hpp>

#include <faultline/analysis/shape_analysis.hpp>

#include "recording_builder.hpp"

using namespace std::chrono_literals;
using faultline::test::bucket_load;
using faultline::test::recording_builder;
namespace analysis = faultline::analysis;
namespace report = faultline::report;
namespace scenario = faultline::scenario;
namespace stats = faultline::stats;

namespace {

report::step_record segment(const char* phase, double start_s, double end_s, double judged_s) {
    report::step_record s;
    s.phase = phase;
    s.start_s = start_s;
    s.end_s = end_s;
    s.judged_s = judged_s;
    return s;
}

}  // namespace

TEST_CASE("a spike's recovery is measured against the baseline before it", "[analysis][shape]") {
    scenario::scenario sc;
    sc.ramp.shape = "spike";
    faultline::ramps::spike_config config;
    config.warmup = 1s;
    sc.ramp.shape_config = config;
    sc.slo.window = 1s;
    sc.slo.stable_for = 1s;
    // 5 s baseline, 2 s spike that fails half the requests, 5 s after.
    recording_builder b({"w"});
    b.buckets(50, {{100, 0}});
    b.buckets(20, {{50, 50}});
    b.buckets(50, {{100, 0}});
    const std::vector<report::step_record> steps{
        segment("baseline", 0, 5, 4), segment("spike", 5, 7, 2), segment("after_spike", 7, 12, 5)};
    const auto spike = analysis::analyse_spike(sc, steps, b.recording());
    REQUIRE(spike);
    CHECK(spike->baseline.start_s == 1.0);
    CHECK(spike->baseline.end_s == 5.0);
    CHECK(spike->spike.start_s == 5.0);
    CHECK(spike->overall.baseline_healthy);
    CHECK(spike->overall.time_to_detect_s);
    CHECK(spike->overall.recovered);
    REQUIRE(spike->overall.time_to_recover_s);
    CHECK(*spike->overall.time_to_recover_s <= 0.2);
    // One workload: no per-workload rows beside the overall one.
    CHECK(spike->workloads.empty());

    SECTION("another shape, or a spike cut short, has no spike analysis") {
        auto steps_shape = sc;
        steps_shape.ramp.shape = "steps";
        CHECK_FALSE(analysis::analyse_spike(steps_shape, steps, b.recording()));
        auto cut = steps;
        cut.back().interrupted = true;
        CHECK_FALSE(analysis::analyse_spike(sc, cut, b.recording()));
    }
}

TEST_CASE("a soak's drift: a service whose memory grows is a suspected leak", "[analysis][shape]") {
    // A 30 s soak at a steady 1000/s; the service's RSS grows 1 MiB a second, its descriptors
    // and CPU stay flat.
    recording_builder b({"w"});
    b.buckets(300, {{100, 0}});
    stats::process_samples samples;
    for (int t = 0; t < 30; ++t) {
        const double mib = 1024.0 * 1024.0;
        samples.samples.push_back(
            {static_cast<double>(t), "sample", {(50 + t) * mib, 0.1 * t, 20}});
    }
    const std::vector<report::step_record> steps{segment("soak", 0, 30, 30)};
    const auto soak = analysis::analyse_soak(steps, b.recording(), samples);
    REQUIRE(soak);
    CHECK(soak->soak.start_s == 0.0);
    CHECK(soak->soak.end_s == 30.0);
    REQUIRE(soak->suspected.size() == 1);
    CHECK_THAT(soak->suspected[0], Catch::StartsWith("service.sample.rss_bytes rose"));
    CHECK_THAT(soak->suspected[0], Catch::EndsWith("suspected memory leak"));

    SECTION("a soak held less than 10 s is not analysed") {
        const std::vector<report::step_record> short_soak{segment("soak", 0, 8, 8)};
        CHECK_FALSE(analysis::analyse_soak(short_soak, b.recording(), samples));
    }
}
