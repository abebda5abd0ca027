#pragma once
// Builds an analysis::recording bucket by bucket, as a run would record it: 100 ms buckets, each
// with per-workload completions (ok and failed) at one latency.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <faultline/analysis/recording.hpp>
#include <faultline/stats/outcome.hpp>

namespace faultline::test {

/// What one workload did in one bucket.
struct bucket_load {
    std::uint64_t ok = 0;
    std::uint64_t failed = 0;  ///< completed with outcome `kind`
    nanoseconds latency = std::chrono::milliseconds(5);
    stats::outcome kind = stats::outcome::http_5xx;
};

/// A recording whose bucket i ends at (i + 1) / 10 s.
class recording_builder {
public:
    explicit recording_builder(std::vector<std::string> workloads)
        : recorded_{{}, stats::timeline(workloads), {}, {}, {}} {
        bucket_.workloads.resize(workloads.size());
    }

    /// Appends one bucket with `loads[w]` for workload w.
    void bucket(const std::vector<bucket_load>& loads) {
        bucket_.reset();
        for (std::size_t w = 0; w < loads.size(); ++w) {
            auto& slot = bucket_.workloads[w];
            const auto& load = loads[w];
            slot.counts.sent = load.ok + load.failed;
            slot.counts.outcomes[stats::to_index(stats::outcome::ok)] = load.ok;
            slot.counts.outcomes[stats::to_index(load.kind)] = load.failed;
            slot.latency.record_n(load.latency, load.ok + load.failed);
            slot.service_time.record_n(load.latency, load.ok + load.failed);
        }
        const auto n = recorded_.timeline.size();
        recorded_.add(bucket_, 0.1 * static_cast<double>(n + 1));
    }

    /// Appends `count` buckets alike.
    void buckets(std::size_t count, const std::vector<bucket_load>& loads) {
        for (std::size_t i = 0; i < count; ++i)
            bucket(loads);
    }

    const analysis::recording& recording() const { return recorded_; }

private:
    analysis::recording recorded_;
    stats::interval_snapshot bucket_;
};

}  // namespace faultline::test
