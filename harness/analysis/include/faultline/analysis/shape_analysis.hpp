#pragma once
// What the spike and soak shapes measure once the run is over: recovery after the spike, drift
// over the soak. Both read the recorded timeline (and, for the soak, the services' /proc
// samples).
#include <optional>
#include <vector>

#include <faultline/analysis/recording.hpp>
#include <faultline/report/run_result.hpp>
#include <faultline/scenario/scenario.hpp>
#include <faultline/stats/process_samples.hpp>

namespace faultline::analysis {

/// Recovery after the spike: the baseline segment's judged part is the baseline, the spike
/// segment the disruption. nullopt unless the run walked a whole spike plan.
std::optional<report::spike_analysis> analyse_spike(const scenario::scenario& sc,
                                                    const std::vector<report::step_record>& steps,
                                                    const recording& recorded);

/// Drift over the soak segment's judged part: p99 and throughput a second at a time, and each
/// service's RSS, CPU use and open file descriptors. nullopt unless the run held a soak for at
/// least 10 s.
std::optional<report::soak_analysis> analyse_soak(const std::vector<report::step_record>& steps,
                                                  const recording& recorded,
                                                  const stats::process_samples& samples);

}  // namespace faultline::analysis
