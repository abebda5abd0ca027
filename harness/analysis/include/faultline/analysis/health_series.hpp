#pragma once
// The recorded timeline seen as the steady-state analysis needs it: sliding health windows and
// failed requests per bucket, for one workload or all of them.
#include <optional>
#include <vector>

#include <faultline/analysis/recording.hpp>
#include <faultline/faults/recovery.hpp>

namespace faultline::analysis {

/// Seconds since the run started at which bucket i began.
double bucket_start(const recording& r, std::size_t i);

/// Sliding windows of `length` buckets, one per bucket, for one workload (or all when unset);
/// each window's latency is its `quantile` (100: the maximum).
std::vector<faults::health_window> health_windows(const recording& r,
                                                  std::optional<std::size_t> workload,
                                                  std::size_t length, double quantile);

/// Failed requests of each bucket, for one workload (or all).
std::vector<faults::bucket_errors> errors_by_bucket(const recording& r,
                                                    std::optional<std::size_t> workload);

/// Buckets in one of the SLO's windows (at least 1).
std::size_t window_buckets(const faults::slo& slo);

}  // namespace faultline::analysis
