#include <algorithm>

#include <faultline/analysis/window_recorder.hpp>

namespace faultline::analysis {

window_recorder::window_recorder(const stats::timeline& timeline, std::vector<double> quantiles)
    : timeline_(timeline), quantiles_(std::move(quantiles)) {}

void window_recorder::begin(std::size_t window_buckets, double open_rate) {
    window_buckets_ = std::max<std::size_t>(window_buckets, 1);
    open_rate_ = open_rate;
    ring_.clear();
    windows_.clear();
}

void window_recorder::add(const stats::interval_snapshot& interval, double start_s, double end_s,
                          bool judged) {
    const auto in_flight = sent_ - std::min(sent_, completed_);
    for (const auto& w : interval.workloads) {
        sent_ += w.counts.sent;
        completed_ += w.counts.completed();
    }
    if (!judged || timeline_.size() == 0)
        return;
    ring_.push_back({timeline_.size() - 1, start_s, end_s, in_flight});
    if (ring_.size() > window_buckets_)
        ring_.pop_front();
    if (ring_.size() == window_buckets_)
        windows_.push_back(window_of_ring());
}

ramps::window_numbers window_recorder::window_of_ring() {
    merged_.counts = {};
    merged_.latency.reset();
    timeline_.merge_into(ring_.front().index, ring_.back().index + 1, std::nullopt, merged_);
    const auto& counts = merged_.counts;
    ramps::window_numbers w;
    w.start_s = ring_.front().start_s;
    w.seconds = ring_.back().end_s - ring_.front().start_s;
    w.ok = counts.ok();
    w.errors = counts.errors();
    w.dropped = counts.missed;
    const bool open = open_rate_ > 0;
    w.arrivals = open ? counts.sent + counts.missed : counts.sent;
    w.offered_rps = open_rate_;
    // A request in flight when the window began and nothing completed in the whole window: every
    // request took at least the window's length.
    w.in_flight_at_start = ring_.front().in_flight_before > 0;
    for (double q : quantiles_)
        w.latency.push_back(q >= 100 ? merged_.latency.max() : merged_.latency.percentile(q));
    return w;
}

}  // namespace faultline::analysis
