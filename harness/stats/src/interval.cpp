#include <utility>

#include <faultline/stats/interval.hpp>

namespace faultline::stats {

std::uint64_t workload_counts::errors() const noexcept {
    std::uint64_t sum = 0;
    for (auto o : all_outcomes) {
        sum += is_error(o) ? outcomes[to_index(o)] : 0;
    }
    return sum;
}

std::uint64_t workload_counts::completed() const noexcept {
    std::uint64_t sum = 0;
    for (auto n : outcomes) {
        sum += n;
    }
    return sum;
}

std::uint64_t workload_counts::errors_of(outcome o) const noexcept {
    return is_error(o) ? outcomes[to_index(o)] : 0;
}

void workload_counts::merge(const workload_counts& other) noexcept {
    sent += other.sent;
    missed += other.missed;
    for (std::size_t i = 0; i < outcome_count; ++i) {
        outcomes[i] += other.outcomes[i];
    }
}

void workload_interval::reset() noexcept {
    counts = workload_counts{};
    latency.reset();
    service_time.reset();
    if (phases)
        phases->reset();
}

void workload_interval::merge(const workload_interval& other) noexcept {
    counts.merge(other.counts);
    latency.merge(other.latency);
    service_time.merge(other.service_time);
    merge_phases(phases, other.phases);
}

void interval_snapshot::reset() noexcept {
    for (auto& w : workloads) {
        w.reset();
    }
    schedule_lag.reset();
}

void interval_snapshot::merge(const interval_snapshot& other) {
    if (workloads.size() < other.workloads.size()) {
        workloads.resize(other.workloads.size());
    }
    for (std::size_t i = 0; i < other.workloads.size(); ++i) {
        workloads[i].merge(other.workloads[i]);
    }
    schedule_lag.merge(other.schedule_lag);
}

interval_recorder::interval_recorder(std::size_t workloads) {
    current_.workloads.resize(workloads);
}

void interval_recorder::swap(interval_snapshot& out) noexcept {
    // Reset and size `out` first, then exchange the buffers: `out` receives the recorded interval
    // and the recorder continues in `out`'s old, now empty, histograms.
    out.reset();
    if (out.workloads.size() != current_.workloads.size()) {
        out.workloads.resize(current_.workloads.size());
    }
    std::swap(current_, out);
}

}  // namespace faultline::stats
