#pragma once
/// [[thresholds]]: pass/fail conditions for CI, such as "p95 < 2s" or "error_rate < 1%", judged
/// over the whole run, per step, or on sliding windows that must stay in violation for a while.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <faultline/core/clock.hpp>
#include <faultline/core/expected.hpp>

namespace faultline::scenario {

/// What a threshold measures.
enum class threshold_metric {
    quantile,      ///< a latency percentile: p50, p95, p99.9, any pQ with 0 < Q < 100
    avg,           ///< mean latency
    min,           ///< lowest latency
    max,           ///< highest latency
    error_rate,    ///< errors / (ok + errors)
    availability,  ///< ok / (ok + errors)
    throughput,    ///< successful requests per second
};

enum class comparison { less, less_equal, greater, greater_equal, equal, not_equal };

/// One parsed expression: METRIC OP VALUE.
struct threshold_expression {
    threshold_metric metric = threshold_metric::quantile;
    double quantile = 0;  ///< percentile for threshold_metric::quantile
    comparison op = comparison::less;
    /// The limit in the metric's base unit: seconds for latencies, a fraction for rates,
    /// requests per second for throughput.
    double limit = 0;
    std::string text;  ///< the expression as written
};

/// A malformed expression: what was expected, `offset` bytes into the text.
struct expression_error {
    std::size_t offset = 0;
    std::string message;
};

/// Parses "p95 < 2s", "avg <= 500ms", "error_rate < 1%", "availability > 99.9%",
/// "throughput >= 50/s". Latencies take a duration, rates a percentage, throughput a rate.
expected<threshold_expression, expression_error> parse_threshold_expression(std::string_view text);

/// Whether `value` holds against the expression's limit.
bool holds(const threshold_expression& e, double value);

/// "p95", "avg", "error_rate", ... as written in expressions.
std::string metric_name(const threshold_expression& e);
/// "<", "<=", ...
std::string_view comparison_symbol(comparison op);
/// True for the latency metrics (values in seconds).
bool is_latency(threshold_metric m);

/// Over what a threshold is judged.
enum class threshold_scope {
    run,     ///< everything the run recorded
    step,    ///< each step's judged window; every step must hold
    window,  ///< sliding windows one bucket apart; fails when violated for `hold_for`
};

std::string_view to_string(threshold_scope s);

struct threshold_spec {
    threshold_expression expression;
    std::optional<std::string> workload;  ///< judged for this workload only; nullopt = overall
    threshold_scope over = threshold_scope::run;
    nanoseconds window = std::chrono::seconds(1);  ///< over = window: the window's length
    /// over = window: the threshold fails once its windows are in violation for this long in a
    /// row (0: any window in violation fails it), like an alert's `for`.
    nanoseconds hold_for{0};
};

}  // namespace faultline::scenario
