#pragma once
/// Impact, detection and recovery around one disruption (a fault, or a load spike), as
/// docs/ARCHITECTURE.md defines them. Resolution: one bucket (100 ms).
#include <cstdint>
#include <optional>
#include <vector>

#include <faultline/faults/steady_state.hpp>

namespace faultline::faults {

/// A span of the run, in seconds since it started.
struct span {
    double start_s = 0;
    double end_s = 0;
};

/// One series' numbers around a disruption.
struct recovery {
    double baseline_rps = 0;        ///< successful throughput over the baseline span
    bool baseline_healthy = false;  ///< no two unhealthy windows in a row during the baseline
    std::optional<double> time_to_impact_s;  ///< disruption start → first failed request
    /// disruption start → the end of the second of the first 2 unhealthy windows in a row
    std::optional<double> time_to_detect_s;
    std::optional<double> time_to_recover_s;  ///< disruption end → healthy for stable_for
    bool recovered = false;
    /// first unhealthy → recovered (or the run's end); "first unhealthy" is the last bucket of the
    /// first unhealthy window when the window before it was healthy, else that window's start
    std::optional<double> outage_s;
    std::uint64_t lost = 0;  ///< failed requests in the outage
    unsigned relapses = 0;   ///< times it turned unhealthy again after a healthy window, after
                             ///< the disruption ended
};

/// One bucket's failed requests, for impact and lost requests.
struct bucket_errors {
    double start_s = 0;
    std::uint64_t errors = 0;
};

/// Analyses one series. `windows[i]` starts at bucket i (windows slide by one bucket);
/// `buckets` are the run's buckets in order. The baseline is the windows wholly inside
/// `baseline`; detection looks at windows starting at or after the disruption's start (detected
/// when two unhealthy windows in a row are complete), recovery at those starting at or after its
/// end: the start of the first run of healthy windows whose starts span `stable_for` (so it
/// needs stable_for + window of run after it).
recovery analyse_recovery(const std::vector<health_window>& windows,
                          const std::vector<bucket_errors>& buckets, const slo& slo, span baseline,
                          span disruption);

}  // namespace faultline::faults
