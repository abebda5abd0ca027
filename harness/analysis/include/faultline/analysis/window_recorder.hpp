#pragma once
// Cuts a step's judged buckets into sliding windows (one bucket apart) and keeps each window's
// numbers for ramps::windowed_trips. The buckets themselves are the run's timeline: a window is
// a merge of its buckets there.
#include <cstdint>
#include <deque>
#include <vector>

#include <faultline/ramps/window_judge.hpp>
#include <faultline/stats/interval.hpp>
#include <faultline/stats/timeline.hpp>

namespace faultline::analysis {

class window_recorder {
public:
    /// `timeline`: the run's, appended to before each add(). `quantiles`: the latency
    /// percentiles each window reports (100 = max), in the order of ramps::criteria::latency.
    window_recorder(const stats::timeline& timeline, std::vector<double> quantiles);

    /// Starts a step: windows of `window_buckets` buckets. `open_rate` is the open model's
    /// arrival rate (0 in the closed model).
    void begin(std::size_t window_buckets, double open_rate);

    /// Adds the bucket the timeline appended last, which spans [start_s, end_s] (seconds since
    /// the run started) and holds `interval`. Only judged buckets make windows, but every bucket
    /// of the run must be added (in-flight requests are counted across steps).
    void add(const stats::interval_snapshot& interval, double start_s, double end_s, bool judged);

    /// One entry per complete window, in order of their first bucket.
    const std::vector<ramps::window_numbers>& windows() const noexcept { return windows_; }

private:
    struct judged_bucket {
        std::size_t index = 0;  ///< in the timeline
        double start_s = 0;
        double end_s = 0;
        std::uint64_t in_flight_before = 0;  ///< sent but not completed when the bucket began
    };

    ramps::window_numbers window_of_ring();

    const stats::timeline& timeline_;
    std::vector<double> quantiles_;
    std::size_t window_buckets_ = 1;
    double open_rate_ = 0;
    std::deque<judged_bucket> ring_;
    stats::timeline::window merged_;
    std::vector<ramps::window_numbers> windows_;
    std::uint64_t sent_ = 0;       ///< every request sent in the run so far
    std::uint64_t completed_ = 0;  ///< every completion (cancelled included) so far
};

}  // namespace faultline::analysis
