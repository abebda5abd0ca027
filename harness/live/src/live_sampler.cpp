#include <algorithm>

#include <faultline/live/live_sampler.hpp>

namespace faultline::live {
namespace {

constexpr std::size_t buckets_per_second = 10;

double seconds(nanoseconds d) {
    return std::chrono::duration<double>(d).count();
}

}  // namespace

live_sampler::live_sampler(live_state identity, const stats::timeline& timeline)
    : timeline_(timeline), state_(std::move(identity)) {
    state_.workloads.clear();
    for (const auto& name : timeline.workload_names())
        state_.workloads.push_back({name, {}, 0, 0, std::nullopt, 0, 0});
}

void live_sampler::update(double elapsed_s, double level, const std::string& phase,
                          std::size_t segment, const std::vector<std::string>& active) {
    state_.elapsed_s = elapsed_s;
    state_.level = level;
    state_.phase = phase;
    state_.segment = segment;
    for (auto& [name, in_place] : state_.faults)
        in_place = std::find(active.begin(), active.end(), name) != active.end();
    const auto n = timeline_.size();
    const double width_s = seconds(timeline_.bucket_width());
    for (std::size_t w = 0; w < state_.workloads.size(); ++w) {
        auto& live = state_.workloads[w];
        for (std::size_t i = seen_; i < n; ++i) {
            scratch_.counts = {};
            scratch_.latency.reset();
            timeline_.merge_into(i, i + 1, w, scratch_);
            live.total.merge(scratch_.counts);
            live.latency_count += scratch_.latency.count();
            live.latency_sum_s +=
                seconds(scratch_.latency.mean()) * static_cast<double>(scratch_.latency.count());
        }
        const auto first = n > buckets_per_second ? n - buckets_per_second : 0;
        scratch_.counts = {};
        scratch_.latency.reset();
        timeline_.merge_into(first, n, w, scratch_);
        const double span_s = static_cast<double>(n - first) * width_s;
        const auto& c = scratch_.counts;
        live.throughput_rps = span_s > 0 ? static_cast<double>(c.ok()) / span_s : 0;
        const auto completed = c.ok() + c.errors();
        live.error_rate =
            completed > 0 ? static_cast<double>(c.errors()) / static_cast<double>(completed) : 0;
        if (scratch_.latency.empty()) {
            live.last_second.reset();
        } else {
            const auto& h = scratch_.latency;
            live.last_second = live_latency{seconds(h.percentile(50)), seconds(h.percentile(90)),
                                            seconds(h.percentile(99)), seconds(h.max())};
        }
    }
    seen_ = n;
}

}  // namespace faultline::live
