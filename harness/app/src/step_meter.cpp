#include "step_meter.hpp"

#include <algorithm>

namespace faultline::app {
namespace {

report::latency_summary summarize(const stats::histogram& h) {
    return report::latency_summary{h.percentile(50), h.percentile(90), h.percentile(99), h.max(),
                                   h.mean()};
}

// The open model's schedule must keep within 1 ms of the intended times at p99, and the worker
// threads must have CPU to spare; otherwise the numbers describe the generator, not the target.
constexpr auto max_schedule_lag = std::chrono::milliseconds(1);
constexpr double max_generator_cpu = 0.95;

}  // namespace

step_meter::step_meter(std::size_t workloads, scenario::load_model model, unsigned threads)
    : model_(model), threads_(threads) {
    judged_.workloads.resize(workloads);
}

void step_meter::begin(std::size_t index, double level, clock::time_point start,
                       nanoseconds warmup) {
    index_ = index;
    level_ = level;
    start_ = start;
    judge_from_ = start + warmup;
    last_end_ = start;
    judged_begin_ = start;
    any_judged_ = false;
    judged_.reset();
    judged_cpu_ = nanoseconds{0};
}

void step_meter::add(const stats::interval_snapshot& interval, const engine::collect_info& info,
                     clock::time_point end) {
    // An interval belongs to the judged window when it began at or after the warm-up's end
    // (with half a bucket of slack for tick jitter).
    const bool judged = last_end_ + std::chrono::milliseconds(50) >= judge_from_;
    if (judged) {
        if (!any_judged_)
            judged_begin_ = last_end_;
        any_judged_ = true;
        judged_.merge(interval);
        judged_cpu_ += info.worker_cpu;
    }
    last_end_ = end;
}

report::step_record step_meter::finish(const ramps::criteria& criteria, clock::time_point run_start,
                                       bool interrupted, const report::step_record* previous) {
    report::step_record r;
    r.index = index_;
    r.level = level_;
    r.start_s = to_seconds(start_ - run_start);
    r.end_s = to_seconds(last_end_ - run_start);
    r.interrupted = interrupted;
    const double seconds = any_judged_ ? to_seconds(last_end_ - judged_begin_) : 0.0;
    r.judged_s = seconds;

    stats::histogram latency;
    stats::histogram service;
    for (const auto& w : judged_.workloads) {
        r.counts.merge(w.counts);
        latency.merge(w.latency);
        service.merge(w.service_time);
    }
    const auto ok = r.counts.ok();
    const auto errors = r.counts.errors();
    if (seconds > 0) {
        r.throughput_rps = static_cast<double>(ok) / seconds;
        r.achieved_rps = static_cast<double>(ok + errors) / seconds;
        r.offered_rps = model_ == scenario::load_model::open
                            ? level_
                            : static_cast<double>(r.counts.sent) / seconds;
        r.generator_cpu = to_seconds(judged_cpu_) / (seconds * threads_);
    }
    r.error_rate =
        ok + errors == 0 ? 0.0 : static_cast<double>(errors) / static_cast<double>(ok + errors);
    r.latency = summarize(latency);
    r.service_time = summarize(service);
    r.schedule_lag_p99 = judged_.schedule_lag.percentile(99);
    // The generator is the bottleneck when its threads are busy or its schedule slips. Arrivals
    // that found every connection busy are the target's doing when it also answered too slowly
    // or wrongly (slow answers hold the connections); otherwise the connection limit is too low.
    const bool saturated =
        r.generator_cpu > max_generator_cpu ||
        (model_ == scenario::load_model::open && r.schedule_lag_p99 > max_schedule_lag);
    r.generator_bound = saturated || r.counts.missed > 0;
    if (!interrupted && any_judged_) {
        const auto before =
            previous != nullptr ? std::optional(numbers_of(*previous)) : std::nullopt;
        r.tripped = ramps::tripped_criteria(numbers_of(r), criteria, before ? &*before : nullptr);
        r.passed = r.tripped.empty();
        const bool target_failed =
            std::any_of(r.tripped.begin(), r.tripped.end(),
                        [](const std::string& c) { return c == "p99" || c == "error_rate"; });
        if (!saturated && target_failed)
            r.generator_bound = false;
    }
    return r;
}

ramps::step_numbers step_meter::numbers_of(const report::step_record& r) {
    ramps::step_numbers n;
    n.level = r.level;
    n.offered_rps = r.offered_rps;
    n.throughput_rps = r.throughput_rps;
    n.achieved_rps = r.achieved_rps;
    n.error_rate = r.error_rate;
    n.p99 = r.latency.p99;
    n.mean = r.latency.mean;
    n.completed = r.counts.ok() + r.counts.errors();
    n.generator_bound = r.generator_bound;
    return n;
}

}  // namespace faultline::app
