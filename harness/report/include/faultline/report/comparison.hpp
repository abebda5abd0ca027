#pragma once
/// `faultline compare`: two runs' summary.json side by side, and the regressions beyond a
/// threshold. Pure functions over parsed documents (docs/ARCHITECTURE.md, "Results contract"); a
/// value missing from a document (an older summary, a hand edit) is shown as missing, never thrown
/// on.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace faultline::report {

/// How a metric is judged. With threshold T (a fraction):
enum class metric_rule {
    /// ok / duration_s: a regression when lower by more than T (relative).
    throughput,
    /// The breaking point's capacity (refined when refined): lower by more than T, or none in
    /// the current run (its first level failed) while the baseline had one.
    capacity,
    /// A latency quantile in ms: higher by more than T (relative) and by at least 1 ms (below
    /// that, the difference is noise of a fast service).
    latency,
    /// errors / (ok + errors): higher by more than T (relative) and by more than 0.1 percentage
    /// point (so 0.01 % → 0.02 % is not a regression).
    error_rate,
    /// A fault's time to recover in s: longer by more than T (relative) and by more than 100 ms
    /// (the analysis' resolution), or not recovered in the current run while it was in the
    /// baseline.
    recovery,
    /// Shown, never a regression: a fault's time to detect (sooner or later is neither better
    /// nor worse by itself; the damage shows in recovery, errors and latency).
    informational,
};

/// One compared number.
struct comparison_row {
    std::string scope;   ///< "all", a workload's name, "capacity" or "fault <name>"
    std::string metric;  ///< as in summary.json: "throughput_rps", "error_rate", "p99_ms", ...
    metric_rule rule = metric_rule::informational;
    std::optional<double> baseline;  ///< nullopt: the baseline has no such value
    std::optional<double> current;   ///< nullopt: the current run has no such value
    bool regression = false;         ///< set by compare_summaries with is_regression
    std::string note;                ///< why a value is missing ("not recovered", "none", ...)
};

/// The comparison of two runs.
struct comparison {
    double threshold = 0.1;            ///< a fraction: 0.1 = 10 %
    std::vector<comparison_row> rows;  ///< "all", each workload, capacity, then each fault
    std::vector<std::string> notes;    ///< what was not compared, and why: one line each
    /// Rows that regressed.
    std::size_t regressions() const;
};

/// True when `current` is worse than `baseline` beyond `threshold` (a fraction) by `rule`.
/// Missing values are a regression only as the rule says (capacity and recovery).
bool is_regression(metric_rule rule, std::optional<double> baseline, std::optional<double> current,
                   double threshold);

/// (current − baseline) / baseline; 0 when both are 0; nullopt when a value is missing or only
/// the baseline is 0.
std::optional<double> relative_change(const comparison_row& row);

/// Compares two summary.json documents: per workload present in both and for "all"
/// (totals) throughput, error rate, p50, p90, p99 and max, and per workload the p50 and p99 of
/// each request phase either run measured ("ttfb_p99_ms"); the capacity; per fault present in
/// both, its overall time to recover and time to detect. Workloads and faults on one side only
/// are listed in notes. `threshold` is a fraction (0.1 = 10 %).
comparison compare_summaries(const nlohmann::json& baseline, const nlohmann::json& current,
                             double threshold);

/// An aligned plain-text table (metric, baseline, current, delta, mark), the notes, then
/// "N regressions beyond T%" or "no regression beyond T%". Ends with a newline.
std::string render_comparison_text(const comparison& c);

/// The same as a GitHub-flavoured Markdown table, for a pull-request comment.
std::string render_comparison_markdown(const comparison& c);

}  // namespace faultline::report
