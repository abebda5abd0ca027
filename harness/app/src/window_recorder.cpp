#include "window_recorder.hpp"

namespace faultline::app {

window_recorder::window_recorder(std::vector<double> quantiles)
    : quantiles_(std::move(quantiles)) {}

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
    if (!judged)
        return;
    bucket_numbers b;
    b.in_flight_before = in_flight;
    b.start_s = start_s;
    b.end_s = end_s;
    const bool latencies = !quantiles_.empty();
    if (latencies)
        scratch_.reset();
    for (const auto& w : interval.workloads) {
        b.ok += w.counts.ok();
        b.errors += w.counts.errors();
        b.sent += w.counts.sent;
        b.dropped += w.counts.missed;
        if (latencies)
            scratch_.merge(w.latency);
    }
    if (latencies)
        scratch_.encode_sparse(b.latency);
    ring_.push_back(std::move(b));
    if (ring_.size() > window_buckets_)
        ring_.pop_front();
    if (ring_.size() == window_buckets_)
        windows_.push_back(window_of_ring());
}

ramps::window_numbers window_recorder::window_of_ring() {
    ramps::window_numbers w;
    w.start_s = ring_.front().start_s;
    w.seconds = ring_.back().end_s - ring_.front().start_s;
    std::uint64_t sent = 0;
    if (!quantiles_.empty())
        scratch_.reset();
    for (const auto& b : ring_) {
        w.ok += b.ok;
        w.errors += b.errors;
        w.dropped += b.dropped;
        sent += b.sent;
        if (!quantiles_.empty())
            scratch_.decode_sparse_add(b.latency);
    }
    const bool open = open_rate_ > 0;
    w.arrivals = open ? sent + w.dropped : sent;
    w.offered_rps = open_rate_;
    // A request in flight when the window began and nothing completed in the whole window: every
    // request took at least the window's length.
    w.in_flight_at_start = ring_.front().in_flight_before > 0;
    for (double q : quantiles_)
        w.latency.push_back(q >= 100 ? scratch_.max() : scratch_.percentile(q));
    return w;
}

}  // namespace faultline::app
