// One step's record from the buckets collected during it: the warm-up is recorded but not
// judged, rates are over the judged window, and the criteria trip on its windows.
#include <catch2/catch.hpp>

#include <faultline/analysis/step_meter.hpp>

using namespace std::chrono_literals;
namespace analysis = faultline::analysis;
namespace stats = faultline::stats;
using steady = faultline::clock;
using faultline::core::load_model;
using stats::outcome;

namespace {

struct bucket_spec {
    std::uint64_t ok = 100;
    std::uint64_t failed = 0;
};

// A 2 s step at level 8 with 500 ms of warm-up, one workload, one worker thread that used
// 10 ms of CPU a bucket; error rate above 5 % or p99 above 50 ms trip.
struct metered_step {
    stats::timeline timeline{{"w"}};
    steady::time_point start = steady::now();
    analysis::step_meter meter;

    explicit metered_step(load_model model = load_model::closed)
        : meter(1, model, 1, criteria(), timeline, start) {
        meter.begin(0, 8, start, 500ms, 2s);
    }

    static faultline::ramps::criteria criteria() {
        faultline::ramps::criteria c;
        c.error_rate = 0.05;
        c.latency.push_back({99, 50ms});
        return c;
    }

    // Bucket i of the step (its 100 ms end at start + (i + 1) × 100 ms).
    void bucket(std::size_t i, bucket_spec spec) {
        stats::interval_snapshot s;
        s.workloads.resize(1);
        auto& w = s.workloads[0];
        w.counts.sent = spec.ok + spec.failed;
        w.counts.outcomes[stats::to_index(outcome::ok)] = spec.ok;
        w.counts.outcomes[stats::to_index(outcome::http_5xx)] = spec.failed;
        w.latency.record_n(5ms, spec.ok + spec.failed);
        w.service_time.record_n(5ms, spec.ok + spec.failed);
        timeline.append(s);
        meter.add(s, 10ms, start + (i + 1) * 100ms);
    }

    template <class F>
    void buckets(F spec_of) {
        for (std::size_t i = 0; i < 20; ++i)
            bucket(i, spec_of(i));
    }
};

}  // namespace

TEST_CASE("a steady step: rates over the judged window, and it passes", "[analysis][meter]") {
    metered_step step;
    step.buckets([](std::size_t) { return bucket_spec{}; });
    const auto r = step.meter.finish(false, nullptr);
    CHECK(r.level == 8);
    CHECK(r.start_s == 0.0);
    CHECK(r.end_s == Approx(2.0));
    // Buckets 5..19 are judged: the warm-up's 5 are recorded, not judged.
    CHECK(r.judged_s == Approx(1.5));
    CHECK(r.counts.sent == 1500);
    CHECK(r.counts.ok() == 1500);
    CHECK(r.throughput_rps == Approx(1000));
    CHECK(r.offered_rps == Approx(1000));  // closed model: what was sent
    CHECK(r.error_rate == 0.0);
    CHECK(r.generator_cpu == Approx(0.1));  // 10 ms a bucket on one thread
    CHECK(r.latency.p99 < 6ms);
    CHECK(r.judged);
    CHECK(r.passed);
    CHECK(r.tripped.empty());
    CHECK_FALSE(r.generator_bound);
}

TEST_CASE("failures during the warm-up are not judged", "[analysis][meter]") {
    metered_step step;
    step.buckets([](std::size_t i) { return i < 5 ? bucket_spec{0, 100} : bucket_spec{}; });
    const auto r = step.meter.finish(false, nullptr);
    CHECK(r.counts.errors() == 0);
    CHECK(r.passed);
}

TEST_CASE("failures in the judged window trip the error rate", "[analysis][meter]") {
    metered_step step;
    step.buckets([](std::size_t i) { return i >= 8 ? bucket_spec{50, 50} : bucket_spec{}; });
    const auto r = step.meter.finish(false, nullptr);
    CHECK(r.error_rate == Approx(600.0 / 1500.0));
    CHECK(r.throughput_rps == Approx(900.0 / 1.5));
    CHECK_FALSE(r.passed);
    REQUIRE_FALSE(r.tripped.empty());
    CHECK(r.tripped.front().criterion == "error_rate");
    CHECK(r.tripped.front().limit == 0.05);
    // The target failed: the generator is not blamed.
    CHECK_FALSE(r.generator_bound);
}

TEST_CASE("an interrupted or unjudged step trips nothing", "[analysis][meter]") {
    SECTION("interrupted: neither passed nor tripped") {
        metered_step step;
        step.buckets([](std::size_t) { return bucket_spec{0, 100}; });
        const auto r = step.meter.finish(true, nullptr);
        CHECK(r.interrupted);
        CHECK(r.tripped.empty());
        CHECK_FALSE(r.passed);
    }
    SECTION("not judged (a ramped segment): always passes") {
        metered_step step;
        step.buckets([](std::size_t) { return bucket_spec{0, 100}; });
        const auto r = step.meter.finish(false, nullptr, false);
        CHECK_FALSE(r.judged);
        CHECK(r.passed);
        CHECK(r.tripped.empty());
    }
}

TEST_CASE("the open model offers its level", "[analysis][meter]") {
    metered_step step(load_model::open);
    step.buckets([](std::size_t) { return bucket_spec{}; });
    const auto r = step.meter.finish(false, nullptr);
    CHECK(r.offered_rps == 8);
}

TEST_CASE("the judge's numbers come from the record", "[analysis][meter]") {
    metered_step step;
    step.buckets([](std::size_t i) { return i >= 5 ? bucket_spec{90, 10} : bucket_spec{}; });
    const auto r = step.meter.finish(false, nullptr);
    const auto n = analysis::step_meter::numbers_of(r);
    CHECK(n.level == r.level);
    CHECK(n.throughput_rps == r.throughput_rps);
    CHECK(n.error_rate == Approx(0.1));
    CHECK(n.completed == 1500);
    CHECK(n.p99 == r.latency.p99);
}
