#include <algorithm>
#include <cmath>

#include <faultline/analysis/step_meter.hpp>
#include <faultline/ramps/generator_limit.hpp>

namespace faultline::analysis {
namespace {

std::vector<double> quantiles_of(const ramps::criteria& c) {
    std::vector<double> out;
    for (const auto& limit : c.latency)
        out.push_back(limit.quantile);
    return out;
}

}  // namespace

step_meter::step_meter(std::size_t workloads, core::load_model model, unsigned threads,
                       ramps::criteria criteria, const stats::timeline& timeline,
                       clock::time_point run_start)
    : model_(model),
      threads_(threads),
      criteria_(std::move(criteria)),
      run_start_(run_start),
      windows_(timeline, quantiles_of(criteria_)) {
    judged_.workloads.resize(workloads);
}

void step_meter::begin(std::size_t index, double level, clock::time_point start, nanoseconds warmup,
                       nanoseconds duration) {
    index_ = index;
    level_ = level;
    start_ = start;
    judge_from_ = start + warmup;
    last_end_ = start;
    judged_begin_ = start;
    any_judged_ = false;
    judged_.reset();
    judged_cpu_ = nanoseconds{0};
    const auto judged_buckets = static_cast<std::size_t>(std::max<std::int64_t>(
        0, std::llround(to_seconds(duration - warmup) / to_seconds(bucket_width))));
    const auto window_buckets = static_cast<std::size_t>(
        std::llround(to_seconds(criteria_.window) / to_seconds(bucket_width)));
    layout_ = ramps::layout_windows(judged_buckets, window_buckets, criteria_.consecutive);
    windows_.begin(layout_.stride, model_ == core::load_model::open ? level : 0.0);
}

void step_meter::add(const stats::interval_snapshot& interval, nanoseconds worker_cpu,
                     clock::time_point end) {
    // An interval belongs to the judged window when it began at or after the warm-up's end
    // (with half a bucket of slack for tick jitter).
    const bool judged = last_end_ + std::chrono::milliseconds(50) >= judge_from_;
    if (judged) {
        if (!any_judged_)
            judged_begin_ = last_end_;
        any_judged_ = true;
        judged_.merge(interval);
        judged_cpu_ += worker_cpu;
    }
    windows_.add(interval, to_seconds(last_end_ - run_start_), to_seconds(end - run_start_),
                 judged);
    last_end_ = end;
}

report::step_record step_meter::finish(bool interrupted, const report::step_record* previous,
                                       bool judged) {
    report::step_record r;
    r.index = index_;
    r.level = level_;
    r.start_s = to_seconds(start_ - run_start_);
    r.end_s = to_seconds(last_end_ - run_start_);
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
        r.offered_rps = model_ == core::load_model::open
                            ? level_
                            : static_cast<double>(r.counts.sent) / seconds;
        r.generator_cpu = to_seconds(judged_cpu_) / (seconds * threads_);
    }
    r.error_rate =
        ok + errors == 0 ? 0.0 : static_cast<double>(errors) / static_cast<double>(ok + errors);
    r.latency = report::summarize(latency);
    r.service_time = report::summarize(service);
    r.schedule_lag_p99 = judged_.schedule_lag.percentile(99);
    ramps::generator_numbers generator{r.generator_cpu,    model_ == core::load_model::open,
                                       r.schedule_lag_p99, r.latency.p99,
                                       r.counts.missed,    false};
    r.judged = judged;
    if (!judged)
        r.passed = true;
    if (judged && !interrupted && any_judged_) {
        r.tripped = ramps::windowed_trips(windows_.windows(), criteria_, layout_.stride,
                                          layout_.consecutive);
        if (previous != nullptr) {
            const auto before = numbers_of(*previous);
            if (auto knee = ramps::knee_trip(numbers_of(r), criteria_, &before))
                r.tripped.push_back(*knee);
        }
        r.passed = r.tripped.empty();
        // Slow or failed answers are the target's doing; so are dropped arrivals when the
        // scenario made them a criterion (connections held by a slow target).
        generator.target_failed =
            std::any_of(r.tripped.begin(), r.tripped.end(), [](const ramps::trip& t) {
                return t.criterion != "knee" && t.criterion != "min_attainment";
            });
    }
    r.generator_limit = ramps::generator_limit_of(generator);
    r.generator_bound = r.generator_limit != ramps::generator_limit::none;
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

}  // namespace faultline::analysis
