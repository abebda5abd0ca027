#pragma once
// Turns the intervals collected during one step into that step's record.
#include <faultline/engine/engine.hpp>
#include <faultline/ramps/step_judge.hpp>
#include <faultline/report/run_result.hpp>
#include <faultline/stats/interval.hpp>

namespace faultline::app {

class step_meter {
public:
    step_meter(std::size_t workloads, scenario::load_model model, unsigned threads);

    /// Starts measuring step `index` at `level`; intervals before start + warmup are not judged.
    void begin(std::size_t index, double level, clock::time_point start, nanoseconds warmup);
    /// Adds one collected interval that ended at `end`.
    void add(const stats::interval_snapshot& interval, const engine::collect_info& info,
             clock::time_point end);
    /// The step's record, judged against `criteria` (not judged when interrupted).
    /// `previous` is the step before, for the knee; null for the first.
    report::step_record finish(const ramps::criteria& criteria, clock::time_point run_start,
                               bool interrupted, const report::step_record* previous);
    /// The numbers the judge reads, from a record.
    static ramps::step_numbers numbers_of(const report::step_record& record);

private:
    scenario::load_model model_;
    unsigned threads_;
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

}  // namespace faultline::app
