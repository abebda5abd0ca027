#pragma once
// Turns the intervals collected during one step into that step's record.
#include <faultline/analysis/window_recorder.hpp>
#include <faultline/core/clock.hpp>
#include <faultline/core/load_model.hpp>
#include <faultline/ramps/step_judge.hpp>
#include <faultline/report/run_result.hpp>
#include <faultline/stats/interval.hpp>

namespace faultline::analysis {

/// The collection interval: one timeline bucket.
inline constexpr auto bucket_width = std::chrono::milliseconds(100);

class step_meter {
public:
    /// `timeline`: the run's, to which every bucket is appended before add() sees it.
    step_meter(std::size_t workloads, core::load_model model, unsigned threads,
               ramps::criteria criteria, const stats::timeline& timeline,
               clock::time_point run_start);

    /// Starts measuring step `index` at `level`, planned to last `duration`; intervals before
    /// start + warmup are not judged.
    void begin(std::size_t index, double level, clock::time_point start, nanoseconds warmup,
               nanoseconds duration);
    /// Adds one collected interval that ended at `end`; `worker_cpu`: the CPU time the engine's
    /// workers used during it, summed.
    void add(const stats::interval_snapshot& interval, nanoseconds worker_cpu,
             clock::time_point end);
    /// The step's record, judged against the criteria (not when interrupted or not `judged`):
    /// the knee on the whole step against `previous` (null for the first), the rest on windows.
    report::step_record finish(bool interrupted, const report::step_record* previous,
                               bool judged = true);
    /// The numbers the judge reads, from a record.
    static ramps::step_numbers numbers_of(const report::step_record& record);

private:
    core::load_model model_;
    unsigned threads_;
    ramps::criteria criteria_;
    clock::time_point run_start_;
    window_recorder windows_;
    ramps::window_layout layout_;
    stats::interval_snapshot judged_;
    nanoseconds judged_cpu_{0};
    std::size_t index_ = 0;
    double level_ = 0;
    clock::time_point start_{};
    clock::time_point judge_from_{};
    clock::time_point judged_begin_{};
    clock::time_point last_end_{};
    bool any_judged_ = false;
};

}  // namespace faultline::analysis
