#pragma once
/// The run's result model: what every writer (summary.json, steps.csv, later HTML and JUnit)
/// reads. Built by the runner; plain data.
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <faultline/core/clock.hpp>
#include <faultline/faults/drift.hpp>
#include <faultline/faults/fault_record.hpp>
#include <faultline/faults/recovery.hpp>
#include <faultline/ramps/generator_limit.hpp>
#include <faultline/ramps/knee.hpp>
#include <faultline/ramps/power_peak.hpp>
#include <faultline/ramps/step_judge.hpp>
#include <faultline/ramps/usl_fit.hpp>
#include <faultline/stats/histogram.hpp>
#include <faultline/stats/interval.hpp>
#include <faultline/stats/phases.hpp>

namespace faultline::report {

/// Latency quantiles of a window.
struct latency_summary {
    nanoseconds p50{0}, p90{0}, p99{0}, max{0};
    nanoseconds mean{0};
};

/// The quantiles of a histogram (all zero when it is empty).
inline latency_summary summarize(const stats::histogram& h) {
    return latency_summary{h.percentile(50), h.percentile(90), h.percentile(99), h.max(), h.mean()};
}

/// One request phase of one workload over the whole run.
struct phase_summary {
    stats::phase phase = stats::phase::total;
    std::uint64_t count = 0;  ///< requests that went through it
    latency_summary took;
};

/// The phases `h` counted, in phase order (those with no count left out).
std::vector<phase_summary> summarize(const stats::phase_histograms& h);

/// Counters of a window or of the whole run. Invariant at the end of a run:
/// sent = ok + errors + cancelled.
using counters = stats::workload_counts;

/// One step of the ramp, judged on its window after warm-up.
struct step_record {
    std::size_t index = 0;
    std::string phase = "step";  ///< the plan segment's phase ("step", "spike", "soak", ...)
    double level = 0;            ///< the level held, or reached at the end of a ramped segment
    std::optional<double> from_level;  ///< a ramped segment: the level it started from
    bool judged = true;  ///< the breaking-point criteria judged it (unjudged ones always pass)
    double start_s = 0;  ///< since the run's start
    double end_s = 0;
    double judged_s = 0;  ///< length of the judged window
    double offered_rps = 0;
    double throughput_rps = 0;
    double achieved_rps = 0;
    double error_rate = 0;
    latency_summary latency;       ///< from the intended send time in the open model
    latency_summary service_time;  ///< from the actual send
    nanoseconds schedule_lag_p99{0};
    double generator_cpu = 0;  ///< busy fraction of the worker threads
    counters counts;           ///< of the judged window
    bool passed = false;
    std::vector<ramps::trip> tripped;  ///< criteria this step tripped; empty = passed
    bool generator_bound = false;
    ramps::generator_limit generator_limit = ramps::generator_limit::none;  ///< what limited it
    bool interrupted = false;  ///< cut short by Ctrl-C: not judged
    bool probe = false;        ///< a refinement probe, run after the ramp found its breaking point
    /// Closed model: level / (throughput × (latency + think time)); well above 1 means requests
    /// waited inside the generator, where no latency was measured.
    std::optional<double> littles_ratio;
    bool queued_in_generator = false;
};

/// The capacity model of the ramp's steps (probes excluded).
struct capacity_model {
    std::optional<ramps::knee_point> knee;
    std::optional<ramps::power_peak> power_peak;
    std::optional<ramps::usl_fit> usl;
    std::string usl_missing;  ///< why there is no fit
};

/// The breaking point narrowed down by bisection ([ramp] refine = true).
struct refined_capacity {
    double pass_level = 0;           ///< the highest level that passed
    double pass_throughput_rps = 0;  ///< its throughput
    double fail_level = 0;           ///< the lowest level that failed
    unsigned probes = 0;             ///< probe steps run (repeats count)
    bool converged = false;          ///< the interval met the tolerance
};

/// Recovery after a load spike (shape = "spike"), overall and per workload.
struct spike_analysis {
    faults::span baseline;  ///< the judged part of the baseline segment
    faults::span spike;     ///< the spike segment
    faults::slo slo;        ///< what a healthy window kept to
    faults::recovery overall;
    std::vector<std::pair<std::string, faults::recovery>> workloads;
};

/// One drifting series of a soak.
struct drift_series {
    std::string name;  ///< "p99_ms", "throughput_rps", "service.sample.rss_bytes", ...
    faults::drift fit;
};

/// Drift over a soak (shape = "soak"): the target's p99 and throughput and, for each service the
/// run owns, its RSS, CPU use and open file descriptors, sampled once a second.
struct soak_analysis {
    faults::span soak;  ///< the judged part of the soak segment
    std::vector<drift_series> series;
    std::vector<std::string> suspected;  ///< one line per significant drift
};

/// One fault of a drill: what became of it, and the recovery around it.
struct fault_result {
    faults::fault_record record;
    /// The span judged: from the fault's start (apply called) to its removal (or the run's end).
    faults::span disruption;
    bool analysed = false;  ///< it took effect, so its recovery was measured
    faults::recovery overall;
    std::vector<std::pair<std::string, faults::recovery>> workloads;  ///< in scenario order
};

/// A workload that turned unhealthy during a fault on a dependency it does not use.
struct spillover {
    std::string fault;
    std::string workload;
    double unhealthy_at_s = 0;  ///< when its first unhealthy window began (run time)
};

/// The fault timeline's results ([[faults]]): the steady state they were judged against, each
/// fault, and the cascade finding.
struct drill_analysis {
    faults::slo slo;
    faults::span baseline;  ///< before the first fault (after the first segment's warm-up)
    bool baseline_healthy = false;
    std::string baseline_problem;  ///< why it was not healthy
    std::vector<fault_result> faults;
    bool cascade = false;
    std::vector<spillover> spillovers;  ///< in the order they turned unhealthy
};

/// [breaking_point] min_capacity, judged against the capacity found.
struct capacity_minimum {
    double throughput_rps = 0;  ///< the minimum asked for
    double measured_rps = 0;    ///< the capacity found (refined when refined); 0 when none passed
    bool passed = false;
};

/// One [[thresholds]] entry, judged.
struct threshold_result {
    std::string expr;                     ///< as written: "p95 < 2s"
    std::optional<std::string> workload;  ///< nullopt: every workload together
    std::string over;                     ///< "run", "step" or "window"
    std::string metric;                   ///< "p95", "avg", "error_rate", "throughput", ...
    std::string unit;                     ///< of value and limit: "ms", "ratio" or "/s"
    std::optional<double> value;          ///< the worst value judged; nullopt: nothing measured
    double limit = 0;
    bool passed = false;
    std::optional<double> at_s;       ///< a failure: start of the failing step or window run
    std::optional<std::size_t> step;  ///< over = step, failed: the worst step's index
    double window_s = 0;              ///< over = window: window length
    double for_s = 0;                 ///< over = window: how long a violation must last
    std::string message;              ///< one line for people: what was measured against what
};

enum class verdict_kind { pass, fail, invalid };

/// Everything a run produced.
struct run_result {
    std::string scenario;
    std::string version;
    std::string model;  ///< "closed" or "open"
    std::chrono::system_clock::time_point started_at;
    double duration_s = 0;
    std::vector<step_record> steps;
    ramps::breaking_point breaking_point;
    std::optional<refined_capacity> refined;
    capacity_model capacity;
    std::optional<capacity_minimum> min_capacity;
    std::optional<spike_analysis> spike;
    std::optional<soak_analysis> soak;
    std::optional<drill_analysis> drill;
    std::vector<threshold_result> thresholds;  ///< in scenario order
    counters totals;
    latency_summary total_latency;  ///< every workload's responses over the whole run
    std::vector<std::pair<std::string, counters>> workload_totals;  ///< in scenario order
    /// Whole-run latency of each workload: parallel to workload_totals, or shorter when not
    /// measured (a workload without an entry is written with latency null).
    std::vector<latency_summary> workload_latency;
    /// Request phases of each workload, parallel to workload_totals or shorter; an empty list:
    /// its driver measures none (only phases that happened at least once are listed).
    std::vector<std::vector<phase_summary>> workload_phases;
    verdict_kind verdict = verdict_kind::pass;
    std::vector<std::string> reasons;
    bool interrupted = false;
};

std::string to_string(verdict_kind v);

}  // namespace faultline::report
