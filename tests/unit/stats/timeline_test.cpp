#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <faultline/stats/timeline.hpp>
#include <faultline/test/support.hpp>

#include "samples.hpp"

using namespace std::chrono_literals;
using faultline::nanoseconds;
using faultline::stats::histogram;
using faultline::stats::interval_recorder;
using faultline::stats::interval_snapshot;
using faultline::stats::outcome;
using faultline::stats::timeline;
using faultline::stats::workload_counts;
using faultline::stats::test::shape;

namespace {

// A timeline filled through a recorder, with every latency also kept raw, so any window can be
// recomputed by recording its values once.
struct recorded_run {
    std::size_t workloads;
    timeline line;
    std::vector<std::vector<workload_counts>> counts;        // [bucket][workload]
    std::vector<std::vector<std::vector<nanoseconds>>> raw;  // [bucket][workload] latencies

    recorded_run(std::size_t workload_count, std::size_t buckets, std::size_t max_requests,
                 std::uint64_t seed)
        : workloads(workload_count), line(names(workload_count)) {
        std::mt19937_64 rng(seed);
        std::uniform_int_distribution<std::size_t> requests(0, max_requests);
        std::uniform_int_distribution<std::size_t> kind(0, faultline::stats::outcome_count - 1);
        interval_recorder recorder(workloads);
        interval_snapshot snapshot;
        for (std::size_t b = 0; b < buckets; ++b) {
            counts.emplace_back(workloads);
            raw.emplace_back(workloads);
            for (std::size_t w = 0; w < workloads; ++w) {
                const auto n = requests(rng);
                const auto s = w % 2 == 0 ? shape::log_normal_2ms : shape::log_uniform_1us_10s;
                const auto latencies = faultline::stats::test::draw(s, n, rng);
                for (auto latency : latencies) {
                    // Mostly ok, now and then any other outcome.
                    const auto o =
                        kind(rng) < 8 ? outcome::ok : faultline::stats::all_outcomes[kind(rng)];
                    recorder.on_sent(w);
                    recorder.on_outcome(w, o, latency, latency / 2);
                    counts[b][w].sent += 1;
                    counts[b][w].outcomes[faultline::stats::to_index(o)] += 1;
                    if (faultline::stats::has_latency(o)) {
                        raw[b][w].push_back(latency);
                    }
                }
            }
            recorder.swap(snapshot);
            line.append(snapshot);
        }
    }

    static std::vector<std::string> names(std::size_t n) {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < n; ++i) {
            out.push_back("workload-" + std::to_string(i));
        }
        return out;
    }

    timeline::window direct(std::size_t first, std::size_t last,
                            std::optional<std::size_t> workload) const {
        timeline::window out;
        for (auto b = first; b < last; ++b) {
            for (std::size_t w = 0; w < workloads; ++w) {
                if (workload && *workload != w) {
                    continue;
                }
                out.counts.merge(counts[b][w]);
                for (auto v : raw[b][w]) {
                    out.latency.record(v);
                }
            }
        }
        return out;
    }
};

}  // namespace

TEST_CASE("timeline windows equal recording everything once", "[timeline]") {
    const auto seed = faultline::test::test_seed();
    INFO("seed " << seed);
    const recorded_run run(3, 600, 40, seed);  // 600 buckets: more than one block of cells
    REQUIRE(run.line.size() == 600);
    CHECK(run.line.bucket_width() == 100ms);
    CHECK(run.line.workload_names() == recorded_run::names(3));

    auto [first, last] = GENERATE(table<std::size_t, std::size_t>({
        {0, 600},
        {0, 1},
        {250, 262},
        {255, 257},
        {599, 600},
        {100, 110},
        {42, 42},
    }));
    const auto workload = GENERATE(std::optional<std::size_t>{}, std::optional<std::size_t>{0},
                                   std::optional<std::size_t>{1}, std::optional<std::size_t>{2});
    INFO("[" << first << ", " << last << ") workload "
             << (workload ? std::to_string(*workload) : "all"));
    const auto got = run.line.merged(first, last, workload);
    const auto expected = run.direct(first, last, workload);
    CHECK(got.counts == expected.counts);
    CHECK(got.latency == expected.latency);
    CHECK(got.latency.count() == expected.latency.count());
    CHECK(got.latency.percentile(99) == expected.latency.percentile(99));
}

TEST_CASE("timeline keeps each bucket's counts", "[timeline]") {
    const recorded_run run(2, 300, 20, faultline::test::test_seed());
    for (std::size_t b = 0; b < run.line.size(); ++b) {
        for (std::size_t w = 0; w < 2; ++w) {
            REQUIRE(run.line.counts(b, w) == run.counts[b][w]);
            REQUIRE(run.line.counts(b, w).completed() == run.counts[b][w].sent);
        }
    }
    CHECK_THROWS_AS(run.line.counts(300, 0), std::out_of_range);
    CHECK_THROWS_AS(run.line.counts(0, 2), std::out_of_range);
    CHECK_THROWS_AS(run.line.merged(5, 4, std::nullopt), std::out_of_range);
    CHECK_THROWS_AS(run.line.merged(0, 301, std::nullopt), std::out_of_range);
    CHECK_THROWS_AS(run.line.merged(0, 1, std::optional<std::size_t>{2}), std::out_of_range);
}

TEST_CASE("merge_into adds windows together", "[timeline]") {
    const recorded_run run(2, 50, 30, faultline::test::test_seed());
    timeline::window sum;
    run.line.merge_into(0, 20, 1, sum);
    run.line.merge_into(20, 50, 1, sum);
    const auto whole = run.line.merged(0, 50, 1);
    CHECK(sum.counts == whole.counts);
    CHECK(sum.latency == whole.latency);
}

TEST_CASE("dense histograms spill over into further chunks intact", "[timeline]") {
    const auto seed = faultline::test::test_seed();
    INFO("seed " << seed);
    std::mt19937_64 rng(seed);
    timeline line({"dense"});
    histogram all;
    std::size_t encoded = 0;
    interval_snapshot snapshot;
    snapshot.workloads.resize(1);
    for (int b = 0; b < 400; ++b) {  // about 4 KiB a bucket: more than 1 MiB in all
        snapshot.reset();
        for (auto v : faultline::stats::test::draw(shape::log_uniform_1us_10s, 5000, rng)) {
            snapshot.workloads[0].latency.record(v);
            all.record(v);
        }
        std::vector<std::uint8_t> bytes;
        snapshot.workloads[0].latency.encode_sparse(bytes);
        encoded += bytes.size();
        line.append(snapshot);
    }
    REQUIRE(encoded > (std::size_t{1} << 20));
    CHECK(line.merged(0, 400, std::nullopt).latency == all);
    CHECK(line.memory_bytes() >= encoded);
    CHECK(line.memory_bytes() <= encoded + 3 * (std::size_t{1} << 20));
}

TEST_CASE("every count field survives storage, large values included", "[timeline]") {
    timeline line({"a", "b"});
    interval_snapshot snapshot;
    snapshot.workloads.resize(2);
    auto& c = snapshot.workloads[1].counts;
    c.sent = std::uint64_t{1} << 40;
    c.missed = 7;
    // Values of every width: 4 bits more per kind (the shift stays below 64 for 16 kinds).
    static_assert(faultline::stats::outcome_count <= 16);
    for (std::size_t i = 0; i < c.outcomes.size(); ++i) {
        c.outcomes[i] = (std::uint64_t{1} << (4 * i)) + i;
    }
    c.outcomes.back() = ~std::uint64_t{0};  // needs HdrHistogram's 9-byte varint
    snapshot.workloads[1].latency.record_n(3ms, 1000);
    const workload_counts expected = c;
    line.append(snapshot);
    snapshot.reset();
    snapshot.workloads[0].counts.missed = 1;
    line.append(snapshot);
    CHECK(line.counts(0, 1) == expected);
    CHECK(line.counts(0, 0) == workload_counts{});
    CHECK(line.counts(1, 0).missed == 1);
    CHECK(line.counts(1, 1) == workload_counts{});
    const auto w = line.merged(0, 2, std::optional<std::size_t>{1});
    CHECK(w.counts == expected);
    CHECK(w.latency.count() == 1000);
}

TEST_CASE("snapshots with fewer workloads leave the rest empty", "[timeline]") {
    timeline line({"a", "b", "c"});
    interval_snapshot snapshot;
    snapshot.workloads.resize(1);
    snapshot.workloads[0].counts.sent = 3;
    snapshot.workloads[0].latency.record(1ms);
    line.append(snapshot);
    line.append(interval_snapshot{});
    REQUIRE(line.size() == 2);
    CHECK(line.counts(0, 0).sent == 3);
    CHECK(line.counts(0, 2).sent == 0);
    CHECK(line.merged(0, 2, std::nullopt).latency.count() == 1);
    CHECK(line.merged(0, 2, std::optional<std::size_t>{1}).latency.empty());

    snapshot.workloads.resize(4);
    CHECK_THROWS_AS(line.append(snapshot), std::invalid_argument);
    CHECK(line.size() == 2);
    CHECK_THROWS_AS(timeline({"a"}, 0ns), std::invalid_argument);
}

TEST_CASE("an empty timeline holds little memory and merges to nothing", "[timeline]") {
    const timeline line({"a", "b"}, 250ms);
    CHECK(line.size() == 0);
    CHECK(line.bucket_width() == 250ms);
    const auto w = line.merged(0, 0, std::nullopt);
    CHECK(w.counts == workload_counts{});
    CHECK(w.latency.empty());
    CHECK(line.memory_bytes() < 1024);
}
