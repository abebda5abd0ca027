#pragma once
/// What worker threads record between two aggregations: counts and histograms per workload.
#include <array>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include <faultline/core/clock.hpp>
#include <faultline/stats/histogram.hpp>
#include <faultline/stats/outcome.hpp>
#include <faultline/stats/phases.hpp>

namespace faultline::stats {

/// Request counts of one workload over some span of time.
struct workload_counts {
    std::uint64_t sent = 0;    ///< requests started
    std::uint64_t missed = 0;  ///< open model: arrivals that found no free connection (never sent)
    std::array<std::uint64_t, outcome_count> outcomes{};  ///< completions by outcome, indexed by
                                                          ///< to_index (cancelled included)

    /// Completions with outcome::ok.
    std::uint64_t ok() const noexcept { return outcomes[to_index(outcome::ok)]; }
    /// Requests ended by a stop before they completed.
    std::uint64_t cancelled() const noexcept { return outcomes[to_index(outcome::cancelled)]; }
    /// Completions with an error outcome (every outcome but ok and cancelled).
    std::uint64_t errors() const noexcept;
    /// All completions, cancelled included: equals sent once every request has finished.
    std::uint64_t completed() const noexcept;
    /// Completions with outcome `o` if it is an error kind, else 0.
    std::uint64_t errors_of(outcome o) const noexcept;
    /// Adds every count of `other`.
    void merge(const workload_counts& other) noexcept;

    /// Equal when every count is equal.
    bool operator==(const workload_counts&) const = default;
};

/// One workload's interval: counts, latency and service-time histograms.
struct workload_interval {
    workload_counts counts;  ///< requests sent, missed and completed
    histogram latency;       ///< from the intended send (open model) or the actual send (closed)
    histogram service_time;  ///< from the actual send
    /// The phases of requests whose driver reports them (HTTP); null until the first one.
    std::unique_ptr<phase_histograms> phases;
    /// Empties counts and histograms (cheap when few histogram buckets are in use).
    void reset() noexcept;
    /// Adds `other` into this interval.
    void merge(const workload_interval& other) noexcept;
};

/// What one worker thread records during one interval, for all workloads. Not thread-safe: owned by
/// one thread at a time.
struct interval_snapshot {
    std::vector<workload_interval> workloads;  ///< indexed by workload
    histogram schedule_lag;                    ///< open model: actual minus intended send time
    /// Empties every workload and the schedule lag, keeping the workload count.
    void reset() noexcept;
    /// Adds `other`; grows `workloads` to other's size first if it is smaller (this allocates, so
    /// size the aggregate once and it stays allocation-free).
    void merge(const interval_snapshot& other);
};

/// The per-thread recorder of the hot path: counts and histograms for the current interval,
/// handed over whole by swap(). Not thread-safe: every call comes from the owning thread (the
/// aggregator posts to it). Workload indexes must be below workloads() (checked by assert only).
class interval_recorder {
public:
    /// A recorder for `workloads` workloads (allocates its histograms, about 0.4 MiB a workload).
    explicit interval_recorder(std::size_t workloads);

    /// Number of workloads.
    std::size_t workloads() const noexcept { return current_.workloads.size(); }

    /// A request of `workload` started.
    void on_sent(std::size_t workload) noexcept { at(workload).counts.sent += 1; }

    /// Open model: an arrival of `workload` found no free connection and was not sent.
    void on_missed(std::size_t workload) noexcept { at(workload).counts.missed += 1; }

    /// A request of `workload` finished with `o`. latency: from the intended send time (open
    /// model) or the actual send time (closed); service_time: from the actual send. Both go into
    /// the histograms only when has_latency(o).
    void on_outcome(std::size_t workload, outcome o, nanoseconds latency,
                    nanoseconds service_time) noexcept {
        auto& slot = at(workload);
        slot.counts.outcomes[to_index(o)] += 1;
        if (has_latency(o)) {
            slot.latency.record(latency);
            slot.service_time.record(service_time);
        }
    }

    /// A request of `workload` went through `phases`. The first call for a workload in an
    /// interval buffer allocates its phase histograms (once: buffers are reused).
    void on_phases(std::size_t workload, const request_phases& phases) noexcept {
        auto& slot = at(workload);
        if (!slot.phases)
            slot.phases = std::make_unique<phase_histograms>();
        slot.phases->record(phases);
    }

    /// Open model: how late the pacer sent a request compared with its intended time.
    void on_schedule_lag(nanoseconds lag) noexcept { current_.schedule_lag.record(lag); }

    /// Moves everything recorded since the last swap into `out` and starts a fresh, empty
    /// interval. `out`'s previous contents are discarded and its buffers reused for the next
    /// interval, so with the same `out` every time no allocation happens after the first swap
    /// (the first may allocate to size `out`; an allocation failure terminates).
    void swap(interval_snapshot& out) noexcept;

private:
    workload_interval& at(std::size_t workload) noexcept {
        assert(workload < current_.workloads.size());
        return current_.workloads[workload];
    }

    interval_snapshot current_;
};

}  // namespace faultline::stats
