#include <catch2/catch.hpp>

#include <faultline/faults/recovery.hpp>

using namespace std::chrono_literals;
using namespace faultline::faults;

namespace {

// A run of `seconds` in 100 ms buckets at 1000 ok/s; buckets in [bad_from, bad_to) fail
// `failing` of their 100 requests. Windows are 1 s (10 buckets) sliding by one bucket.
struct series {
    std::vector<health_window> windows;
    std::vector<bucket_errors> buckets;
};

series make_series(double seconds, double bad_from, double bad_to, std::uint64_t failing = 100) {
    series out;
    const int n = static_cast<int>(std::lround(seconds * 10));
    std::vector<std::uint64_t> errors(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const double t = i * 0.1;
        const bool bad = t >= bad_from - 1e-9 && t < bad_to - 1e-9;
        errors[static_cast<std::size_t>(i)] = bad ? failing : 0;
        out.buckets.push_back({t, errors[static_cast<std::size_t>(i)]});
    }
    for (int i = 0; i + 10 <= n; ++i) {
        health_window w{i * 0.1, 1.0, 0, 0, 1ms};
        for (int j = i; j < i + 10; ++j) {
            w.errors += errors[static_cast<std::size_t>(j)];
            w.ok += 100 - errors[static_cast<std::size_t>(j)];
        }
        out.windows.push_back(w);
    }
    return out;
}

slo quick_slo() {
    slo s;
    s.error_rate = 0.01;
    s.min_throughput = 0.5;
    s.stable_for = 2s;
    return s;
}

}  // namespace

TEST_CASE("an outage inside a fault: impact, detection, recovery, lost requests", "[recovery]") {
    // Baseline 0-10 s, fault 10-15 s, the service fails from 11 s to 13 s.
    const auto s = make_series(25, 11, 13);
    const auto r = analyse_recovery(s.windows, s.buckets, quick_slo(), {0, 10}, {10, 15});
    CHECK(r.baseline_rps == Approx(1000));
    CHECK(r.baseline_healthy);
    REQUIRE(r.time_to_impact_s);
    CHECK(*r.time_to_impact_s == Approx(1.0));
    // The windows starting at 10.1 s and 10.2 s take in the failure's first buckets; the second
    // is complete at 11.2 s.
    REQUIRE(r.time_to_detect_s);
    CHECK(*r.time_to_detect_s == Approx(1.2));
    // Healthy again from the window starting at 13 s, before the fault ended: recovered at once.
    REQUIRE(r.recovered);
    CHECK(*r.time_to_recover_s == Approx(0.0));
    REQUIRE(r.outage_s);
    CHECK(*r.outage_s == Approx(4.0));  // 11 s to 15 s
    CHECK(r.lost == 2000);
    CHECK(r.relapses == 0);
}

TEST_CASE("recovery is measured from the fault's end to stable_for of healthy windows",
          "[recovery]") {
    // Fault 10-12 s; the service keeps failing until 15.5 s: recovered 3.5 s after the end.
    const auto s = make_series(25, 10, 15.5);
    const auto r = analyse_recovery(s.windows, s.buckets, quick_slo(), {0, 10}, {10, 12});
    REQUIRE(r.recovered);
    CHECK(*r.time_to_recover_s == Approx(3.5));
    CHECK(*r.time_to_impact_s == Approx(0.0));
    CHECK(*r.time_to_detect_s == Approx(1.1));
}

TEST_CASE("no recovery before the run ends", "[recovery]") {
    const auto s = make_series(20, 10, 19);
    const auto r = analyse_recovery(s.windows, s.buckets, quick_slo(), {0, 10}, {10, 12});
    CHECK_FALSE(r.recovered);
    CHECK_FALSE(r.time_to_recover_s);
    REQUIRE(r.outage_s);
    CHECK(*r.outage_s == Approx(10.0));  // 10 s to the end of the last bucket
}

TEST_CASE("healthy for less than stable_for, then failing again, is a relapse", "[recovery]") {
    auto s = make_series(30, 10, 12);
    const auto again = make_series(30, 14, 15);
    for (std::size_t i = 0; i < s.windows.size(); ++i) {
        s.windows[i].errors += again.windows[i].errors;
        s.windows[i].ok -= again.windows[i].errors;
    }
    for (std::size_t i = 0; i < s.buckets.size(); ++i)
        s.buckets[i].errors += again.buckets[i].errors;
    const auto r = analyse_recovery(s.windows, s.buckets, quick_slo(), {0, 10}, {10, 12});
    CHECK(r.relapses == 1);
    REQUIRE(r.recovered);
    CHECK(*r.time_to_recover_s == Approx(3.0));  // from 15 s, 3 s after the fault ended
}

TEST_CASE("an unhealthy baseline is reported; a fault that hurt nothing has no outage",
          "[recovery]") {
    const auto sick = make_series(25, 3, 6);
    CHECK_FALSE(analyse_recovery(sick.windows, sick.buckets, quick_slo(), {0, 10}, {10, 12})
                    .baseline_healthy);
    const auto fine = make_series(25, 0, 0);
    const auto r = analyse_recovery(fine.windows, fine.buckets, quick_slo(), {0, 10}, {10, 12});
    CHECK(r.baseline_healthy);
    CHECK_FALSE(r.time_to_impact_s);
    CHECK_FALSE(r.time_to_detect_s);
    CHECK_FALSE(r.outage_s);
    CHECK(r.recovered);
    CHECK(*r.time_to_recover_s == Approx(0.0));
}
