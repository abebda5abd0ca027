// The recorded timeline as the steady-state analysis sees it: sliding health windows and failed
// requests per bucket, for one workload or all.
#include <catch2/catch.hpp>

#include <faultline/analysis/health_series.hpp>

#include "recording_builder.hpp"

using namespace std::chrono_literals;
using faultline::test::bucket_load;
using faultline::test::recording_builder;
namespace analysis = faultline::analysis;

namespace {

// 30 buckets, two workloads: "a" always 10 ok at 5 ms; "b" 10 ok at 5 ms, but in buckets
// 10..14 it has 4 failures a bucket and 200 ms latency.
recording_builder two_workloads() {
    recording_builder b({"a", "b"});
    b.buckets(10, {{10, 0}, {10, 0}});
    b.buckets(5, {{10, 0}, {10, 4, 200ms}});
    b.buckets(15, {{10, 0}, {10, 0}});
    return b;
}

}  // namespace

TEST_CASE("a bucket starts where the one before it ended", "[analysis][health]") {
    const auto b = two_workloads();
    const auto& r = b.recording();
    CHECK(analysis::bucket_start(r, 0) == 0.0);
    CHECK(analysis::bucket_start(r, 1) == Approx(0.1));
    CHECK(analysis::bucket_start(r, 29) == Approx(2.9));
}

TEST_CASE("health windows slide by one bucket over one workload or all", "[analysis][health]") {
    const auto b = two_workloads();
    const auto& r = b.recording();

    SECTION("windows of 10 buckets: one per bucket that has 9 more after it") {
        const auto all = analysis::health_windows(r, std::nullopt, 10, 99);
        REQUIRE(all.size() == 21);
        CHECK(all[0].start_s == 0.0);
        CHECK(all[0].seconds == Approx(1.0));
        CHECK(all[0].ok == 200);
        CHECK(all[0].errors == 0);
        // The window from bucket 5 holds buckets 10..14 of "b": 5 × 4 failures.
        CHECK(all[5].errors == 20);
        CHECK(all[5].ok == 200);
        CHECK(all[20].errors == 0);
    }
    SECTION("one workload's windows see only its requests") {
        const auto a = analysis::health_windows(r, std::size_t{0}, 10, 99);
        const auto bw = analysis::health_windows(r, std::size_t{1}, 10, 99);
        for (const auto& w : a) {
            CHECK(w.errors == 0);
            CHECK(w.ok == 100);
            CHECK(w.latency < 6ms);
        }
        CHECK(bw[10].errors == 20);
        CHECK(bw[10].latency > 190ms);
        CHECK(bw[15].errors == 0);
        CHECK(bw[15].latency < 6ms);
    }
    SECTION("quantile 100 is the maximum") {
        const auto max = analysis::health_windows(r, std::nullopt, 10, 100);
        const auto p50 = analysis::health_windows(r, std::nullopt, 10, 50);
        CHECK(max[10].latency > 190ms);
        CHECK(p50[10].latency < 6ms);
    }
    SECTION("a window longer than the recording makes none") {
        CHECK(analysis::health_windows(r, std::nullopt, 31, 99).empty());
    }
}

TEST_CASE("failed requests are counted per bucket", "[analysis][health]") {
    const auto b = two_workloads();
    const auto& r = b.recording();
    const auto all = analysis::errors_by_bucket(r, std::nullopt);
    REQUIRE(all.size() == 30);
    CHECK(all[9].errors == 0);
    CHECK(all[10].errors == 4);
    CHECK(all[10].start_s == Approx(1.0));
    CHECK(all[14].errors == 4);
    CHECK(all[15].errors == 0);
    for (const auto& e : analysis::errors_by_bucket(r, std::size_t{0}))
        CHECK(e.errors == 0);
}

TEST_CASE("an SLO window is a whole number of buckets, at least one", "[analysis][health]") {
    faultline::faults::slo slo;
    slo.window = 1s;
    CHECK(analysis::window_buckets(slo) == 10);
    slo.window = 2500ms;
    CHECK(analysis::window_buckets(slo) == 25);
    slo.window = 20ms;
    CHECK(analysis::window_buckets(slo) == 1);
}
