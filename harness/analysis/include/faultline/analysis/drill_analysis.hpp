#pragma once
// What a drill measures: the steady state before the first fault, then for each fault and each
// workload the time to impact, detect and recover, and the cascade (docs/ARCHITECTURE.md,
// definitions).
#include <string>
#include <vector>

#include <faultline/analysis/recording.hpp>
#include <faultline/faults/fault_record.hpp>
#include <faultline/report/run_result.hpp>
#include <faultline/scenario/scenario.hpp>

namespace faultline::analysis {

struct baseline_verdict {
    bool healthy = false;
    std::string reason;  ///< why not: which series, and what was unhealthy
};

/// Judges the baseline recorded so far (`baseline`), overall and for each workload: healthy
/// when it holds at least one whole window and never two unhealthy windows in a row.
baseline_verdict judge_baseline(const recording& recorded, const faults::slo& slo,
                                faults::span baseline);

/// The drill's numbers once the run is over. `records` from the fault timeline; `run_end_s`
/// ends a fault that was never removed.
report::drill_analysis analyse_drill(const scenario::scenario& sc, const recording& recorded,
                                     faults::span baseline, const baseline_verdict& verdict,
                                     std::vector<faults::fault_record> records, double run_end_s);

/// The drill's part of the verdict: invalid when the baseline was unhealthy or a fault never
/// took effect; fail on a cascade or a fault the service never recovered from.
void judge_drill(const report::drill_analysis& drill, bool interrupted, report::run_result& r);

}  // namespace faultline::analysis
