#pragma once
/// The result writers. Each writes one file of the results folder; called from one place (the
/// runner), never concurrently. Throw std::runtime_error when the file cannot be written.
#include <chrono>
#include <filesystem>
#include <span>

#include <faultline/report/run_result.hpp>
#include <faultline/stats/timeline.hpp>

namespace faultline::report {

/// summary.json: the stable contract of docs/ARCHITECTURE.md ("Results contract").
void write_summary_json(const run_result& result, const std::filesystem::path& file);

/// steps.csv: one row per step, the columns of the summary's steps[].
void write_steps_csv(const run_result& result, const std::filesystem::path& file);

/// timeline.csv: one row per 100 ms bucket and workload (sent, ok, errors, cancelled, p50, p99).
/// `end_s[i]` is when bucket i was collected, in seconds since the run's start.
void write_timeline_csv(const stats::timeline& timeline, std::span<const double> end_s,
                        const std::filesystem::path& file);

/// histograms.hlog: HdrHistogram's interval log (format 1.3, as its HistogramLogWriter writes it),
/// readable by HdrHistogram's log readers (Java, C, hdr-histogram-js, HdrHistogram.NET, ...).
/// One line per 1 s interval (the buckets of 1 s; the last interval may be shorter) and workload
/// with latencies in it, intervals in time order: `Tag=<workload>,<start_s>,<length_s>,<max_ms>,
/// <histogram>`. The histogram is the interval's merged latency in nanoseconds, in the compressed
/// V2 encoding (zlib, base64); start and length are seconds relative to `started_at` (the header's
/// StartTime and BaseTime), taken from `end_s` as in write_timeline_csv (an interval starts where
/// the previous one's last bucket ended; buckets beyond end_s use their nominal end). Interval_Max
/// is the interval's max in milliseconds. A workload's tag is its name with ',' and whitespace
/// replaced by '_' ("_" for an empty name), so two names may share a tag.
void write_histograms_hlog(const stats::timeline& timeline, std::span<const double> end_s,
                           std::chrono::system_clock::time_point started_at,
                           const std::filesystem::path& file);

}  // namespace faultline::report
