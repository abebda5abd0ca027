#include <catch2/catch.hpp>

#include <faultline/stats/interval.hpp>

using namespace std::chrono_literals;
using faultline::nanoseconds;
using faultline::stats::interval_recorder;
using faultline::stats::interval_snapshot;
using faultline::stats::outcome;
using faultline::stats::to_index;
using faultline::stats::workload_counts;

namespace {
nanoseconds top(nanoseconds v) {
    return faultline::stats::histogram::highest_equivalent(v);
}
nanoseconds bottom(nanoseconds v) {
    return faultline::stats::histogram::lowest_equivalent(v);
}
}  // namespace

TEST_CASE("workload counts sum errors and completions", "[interval]") {
    workload_counts c;
    c.sent = 10;
    c.outcomes[to_index(outcome::ok)] = 5;
    c.outcomes[to_index(outcome::reset)] = 2;
    c.outcomes[to_index(outcome::http_5xx)] = 1;
    c.outcomes[to_index(outcome::cancelled)] = 2;
    CHECK(c.ok() == 5);
    CHECK(c.errors() == 3);
    CHECK(c.completed() == 10);
    CHECK(c.completed() == c.sent);
    CHECK(c.errors_of(outcome::reset) == 2);
    CHECK(c.errors_of(outcome::http_5xx) == 1);
    CHECK(c.errors_of(outcome::timeout) == 0);
    CHECK(c.errors_of(outcome::ok) == 0);
    CHECK(c.errors_of(outcome::cancelled) == 0);

    workload_counts d;
    d.sent = 1;
    d.missed = 4;
    d.outcomes[to_index(outcome::reset)] = 1;
    c.merge(d);
    CHECK(c.sent == 11);
    CHECK(c.missed == 4);
    CHECK(c.errors_of(outcome::reset) == 3);
    CHECK(c.errors() == 4);
}

TEST_CASE("the recorder files each event under its workload and outcome", "[interval]") {
    interval_recorder r(3);
    REQUIRE(r.workloads() == 3);
    r.on_sent(0);
    r.on_sent(0);
    r.on_sent(2);
    r.on_missed(1);
    r.on_outcome(0, outcome::ok, 5ms, 2ms);
    r.on_outcome(0, outcome::connect_refused, 1s, 1s);  // no latency for it
    r.on_outcome(2, outcome::http_5xx, 7ms, 6ms);
    r.on_schedule_lag(300us);

    interval_snapshot s;
    r.swap(s);
    REQUIRE(s.workloads.size() == 3);
    const auto& w0 = s.workloads[0];
    CHECK(w0.counts.sent == 2);
    CHECK(w0.counts.ok() == 1);
    CHECK(w0.counts.errors_of(outcome::connect_refused) == 1);
    CHECK(w0.latency.count() == 1);
    CHECK(w0.latency.max() == top(5ms));
    CHECK(w0.service_time.count() == 1);
    CHECK(w0.service_time.max() == top(2ms));
    CHECK(s.workloads[1].counts.missed == 1);
    CHECK(s.workloads[1].counts.completed() == 0);
    CHECK(s.workloads[1].latency.empty());
    const auto& w2 = s.workloads[2];
    CHECK(w2.counts.errors_of(outcome::http_5xx) == 1);
    CHECK(w2.latency.max() == top(7ms));
    CHECK(w2.service_time.max() == top(6ms));
    CHECK(s.schedule_lag.count() == 1);
    CHECK(s.schedule_lag.max() == top(300us));
}

TEST_CASE("histograms take latencies of exactly the outcomes that have one", "[interval]") {
    interval_recorder r(1);
    for (auto o : faultline::stats::all_outcomes) {
        r.on_outcome(0, o, 1ms, 1ms);
    }
    interval_snapshot s;
    r.swap(s);
    CHECK(s.workloads[0].counts.completed() == faultline::stats::outcome_count);
    CHECK(s.workloads[0].latency.count() == 5);  // ok, timeout, http_4xx, http_5xx, check_failed
    CHECK(s.workloads[0].service_time.count() == 5);
}

TEST_CASE("swap hands over each interval once and starts the next empty", "[interval]") {
    interval_recorder r(2);
    interval_snapshot s;
    // Stale contents of the snapshot and a wrong size must not leak into the interval.
    s.workloads.resize(5);
    s.workloads[0].counts.sent = 99;
    s.workloads[0].latency.record(1s);
    s.schedule_lag.record(1s);

    r.on_sent(1);
    r.on_outcome(1, outcome::ok, 3ms, 3ms);
    r.swap(s);
    REQUIRE(s.workloads.size() == 2);
    CHECK(s.workloads[0].counts.sent == 0);
    CHECK(s.workloads[0].latency.empty());
    CHECK(s.schedule_lag.empty());
    CHECK(s.workloads[1].counts.sent == 1);
    CHECK(s.workloads[1].latency.count() == 1);

    SECTION("an interval with nothing recorded arrives empty") {
        r.swap(s);
        CHECK(s.workloads[1].counts.sent == 0);
        CHECK(s.workloads[1].counts.completed() == 0);
        CHECK(s.workloads[1].latency.empty());
        CHECK(s.workloads[1].service_time.empty());
    }
    SECTION("what is recorded after a swap arrives in the next one only") {
        r.on_outcome(0, outcome::timeout, 2s, 2s);
        r.swap(s);
        CHECK(s.workloads[0].counts.errors_of(outcome::timeout) == 1);
        CHECK(s.workloads[0].latency.max() == top(2s));
        CHECK(s.workloads[1].counts.sent == 0);
        CHECK(s.workloads[1].latency.empty());
        r.swap(s);
        CHECK(s.workloads[0].counts.completed() == 0);
        CHECK(s.workloads[0].latency.empty());
    }
}

TEST_CASE("swapping with the same snapshot reuses two sets of buffers", "[interval]") {
    interval_recorder r(4);
    interval_snapshot s;
    r.swap(s);
    const auto* first = s.workloads.data();
    r.swap(s);
    const auto* second = s.workloads.data();
    CHECK(first != second);
    for (int i = 0; i < 10; ++i) {
        r.on_outcome(3, outcome::ok, 1ms, 1ms);
        r.swap(s);
        CHECK(s.workloads[3].counts.ok() == 1);
        CHECK((s.workloads.data() == first || s.workloads.data() == second));
    }
}

TEST_CASE("snapshots of several threads merge into one", "[interval]") {
    interval_recorder a(2);
    interval_recorder b(2);
    a.on_sent(0);
    a.on_outcome(0, outcome::ok, 1ms, 1ms);
    b.on_sent(0);
    b.on_outcome(0, outcome::ok, 9ms, 8ms);
    b.on_sent(1);
    b.on_outcome(1, outcome::eof, 0ns, 0ns);
    b.on_schedule_lag(2ms);
    interval_snapshot sa;
    interval_snapshot sb;
    a.swap(sa);
    b.swap(sb);

    interval_snapshot all;  // empty: grows to the snapshots' size on the first merge
    all.merge(sa);
    all.merge(sb);
    REQUIRE(all.workloads.size() == 2);
    CHECK(all.workloads[0].counts.sent == 2);
    CHECK(all.workloads[0].counts.ok() == 2);
    CHECK(all.workloads[0].latency.count() == 2);
    CHECK(all.workloads[0].latency.min() == bottom(1ms));
    CHECK(all.workloads[0].latency.max() == top(9ms));
    CHECK(all.workloads[0].service_time.max() == top(8ms));
    CHECK(all.workloads[1].counts.errors_of(outcome::eof) == 1);
    CHECK(all.schedule_lag.max() == top(2ms));

    all.reset();
    CHECK(all.workloads.size() == 2);
    CHECK(all.workloads[0].counts.sent == 0);
    CHECK(all.workloads[0].latency.empty());
    CHECK(all.schedule_lag.empty());
}

TEST_CASE("request phases are kept per workload, only those that happened", "[interval][phases]") {
    using faultline::stats::phase;
    interval_recorder recorder(2);
    faultline::stats::request_phases opened;
    opened.set(phase::connect, 300us);
    opened.set(phase::ttfb, 2ms);
    opened.set(phase::total, 3ms);
    faultline::stats::request_phases reused;
    reused.set(phase::ttfb, 1ms);
    reused.set(phase::total, 1500us);
    CHECK(reused.has(phase::ttfb));
    CHECK_FALSE(reused.has(phase::connect));
    recorder.on_phases(1, opened);
    recorder.on_phases(1, reused);
    interval_snapshot out;
    recorder.swap(out);
    CHECK(out.workloads[0].phases == nullptr);  // workload 0 reported none
    REQUIRE(out.workloads[1].phases != nullptr);
    const auto& p = *out.workloads[1].phases;
    CHECK(p[phase::connect].count() == 1);
    CHECK(p[phase::ttfb].count() == 2);
    CHECK(p[phase::total].count() == 2);
    CHECK(p[phase::dns].count() == 0);
    CHECK(p[phase::ttfb].max() == top(2ms));

    // Merging allocates the aggregate's phases once and adds; a reset empties them.
    interval_snapshot all;
    all.merge(out);
    all.merge(out);
    REQUIRE(all.workloads[1].phases != nullptr);
    CHECK((*all.workloads[1].phases)[phase::ttfb].count() == 4);
    all.reset();
    CHECK((*all.workloads[1].phases)[phase::ttfb].count() == 0);

    // The next interval starts empty (the recorder's buffers are reused).
    recorder.on_phases(1, reused);
    recorder.swap(out);
    CHECK((*out.workloads[1].phases)[phase::ttfb].count() == 1);
    CHECK((*out.workloads[1].phases)[phase::connect].count() == 0);
    CHECK(faultline::stats::to_string(phase::ttfb) == "ttfb");
}
