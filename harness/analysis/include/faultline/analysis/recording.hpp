#pragma once
// Everything a run collects bucket by bucket: the timeline every analysis reads.
#include <memory>
#include <vector>

#include <faultline/core/clock.hpp>
#include <faultline/report/run_result.hpp>
#include <faultline/stats/interval.hpp>
#include <faultline/stats/phases.hpp>
#include <faultline/stats/timeline.hpp>

namespace faultline::analysis {

/// The run's buckets (one per collection interval), their end times and the running totals.
struct recording {
    report::counters totals;
    stats::timeline timeline;
    std::vector<double> bucket_end_s;  ///< seconds since run_start at which each bucket ended
    clock::time_point run_start;
    /// Whole-run request phases per workload index (null: its driver measured none).
    std::vector<std::unique_ptr<stats::phase_histograms>> phases;

    /// Appends one bucket that ended `end_s` seconds after run_start.
    void add(const stats::interval_snapshot& interval, double end_s);
};

}  // namespace faultline::analysis
