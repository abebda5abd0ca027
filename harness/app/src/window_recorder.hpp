#pragma once
// Cuts a step's judged buckets into sliding windows (one bucket apart) and keeps each window's
// numbers for ramps::windowed_trips. Only the last window's buckets are held, compactly.
#include <cstdint>
#include <deque>
#include <vector>

#include <faultline/ramps/window_judge.hpp>
#include <faultline/stats/histogram.hpp>
#include <faultline/stats/interval.hpp>

namespace faultline::app {

class window_recorder {
public:
    /// `quantiles`: the latency percentiles each window reports (100 = max), in the order of
    /// ramps::criteria::latency.
    explicit window_recorder(std::vector<double> quantiles);

    /// Starts a step: windows of `window_buckets` buckets. `open_rate` is the open model's
    /// arrival rate (0 in the closed model).
    void begin(std::size_t window_buckets, double open_rate);

    /// Adds one bucket that spans [start_s, end_s] (seconds since the run started); only judged
    /// buckets make windows, but every bucket of the run must be added (in-flight requests are
    /// counted across steps).
    void add(const stats::interval_snapshot& bucket, double start_s, double end_s, bool judged);

    /// One entry per complete window, in order of their first bucket.
    const std::vector<ramps::window_numbers>& windows() const noexcept { return windows_; }

private:
    struct bucket_numbers {
        double start_s = 0;
        double end_s = 0;
        std::uint64_t ok = 0;
        std::uint64_t errors = 0;
        std::uint64_t sent = 0;
        std::uint64_t dropped = 0;
        std::uint64_t in_flight_before = 0;  ///< sent but not completed when the bucket began
        std::vector<std::uint8_t> latency;   ///< histogram::encode_sparse of all workloads
    };

    ramps::window_numbers window_of_ring();

    std::vector<double> quantiles_;
    std::size_t window_buckets_ = 1;
    double open_rate_ = 0;
    std::uint64_t sent_ = 0;       ///< every request sent in the run so far
    std::uint64_t completed_ = 0;  ///< every completion (cancelled included) so far
    std::deque<bucket_numbers> ring_;
    stats::histogram scratch_;
    std::vector<ramps::window_numbers> windows_;
};

}  // namespace faultline::app
