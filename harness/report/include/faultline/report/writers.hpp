#pragma once
/// The result writers. Each writes one file of the results folder; called from one place (the
/// runner), never concurrently. Throw std::runtime_error when the file cannot be written.
#include <filesystem>
#include <span>

#include <faultline/report/run_result.hpp>
#include <faultline/stats/timeline.hpp>

namespace faultline::report {

/// summary.json: the stable contract of DESIGN.md ("Results contract").
void write_summary_json(const run_result& result, const std::filesystem::path& file);

/// steps.csv: one row per step, the columns of the summary's steps[].
void write_steps_csv(const run_result& result, const std::filesystem::path& file);

/// timeline.csv: one row per 100 ms bucket and workload (sent, ok, errors, cancelled, p50, p99).
/// `end_s[i]` is when bucket i was collected, in seconds since the run's start.
void write_timeline_csv(const stats::timeline& timeline, std::span<const double> end_s,
                        const std::filesystem::path& file);

}  // namespace faultline::report
