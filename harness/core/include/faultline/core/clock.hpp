#pragma once
/// The clock every measurement uses: monotonic, nanosecond ticks.
#include <chrono>

namespace faultline {
using clock = std::chrono::steady_clock;
using nanoseconds = std::chrono::nanoseconds;
using std::chrono::duration_cast;

/// Seconds as a double, for reports and rates.
inline double to_seconds(nanoseconds d) {
    return std::chrono::duration<double>(d).count();
}
/// Milliseconds as a double, for reports.
inline double to_millis(nanoseconds d) {
    return std::chrono::duration<double, std::milli>(d).count();
}
}  // namespace faultline
