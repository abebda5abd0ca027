#pragma once
/// Steady state as docs/ARCHITECTURE.md defines it: windows of `window` sliding by one 100 ms
/// bucket, each healthy or not against the SLO. Pure functions of numbers.
#include <cstdint>
#include <optional>
#include <vector>

#include <faultline/core/clock.hpp>

namespace faultline::faults {

/// What a healthy window keeps to.
struct slo {
    double error_rate = 0.01;  ///< errors / completed at most this
    /// The latency quantile (percent, 100 = max) that must stay at or below `latency`; unset:
    /// latency is not judged.
    double quantile = 99;
    std::optional<nanoseconds> latency;
    double min_throughput = 0.9;  ///< successful throughput at least this × the baseline's
    nanoseconds window = std::chrono::seconds(1);
    nanoseconds stable_for = std::chrono::seconds(10);  ///< healthy this long = recovered
};

/// One window's numbers for one series (a workload, or all of them).
struct health_window {
    double start_s = 0;  ///< seconds since the run started
    double seconds = 0;  ///< its length
    std::uint64_t ok = 0;
    std::uint64_t errors = 0;
    nanoseconds latency{0};  ///< the SLO's quantile over the window
};

/// Healthy: error rate, latency and throughput (ok / seconds against `baseline_rps`) within
/// the SLO. A window with nothing completed is unhealthy unless the baseline had no throughput.
bool healthy(const health_window& window, const slo& slo, double baseline_rps);

}  // namespace faultline::faults
