#pragma once
// One run of a loaded scenario, from its services and proxies to its results folder and exit
// code. The steps, in order: prepare (results folder, log, signals, guard, store, live metrics),
// start what the scenario owns (proxies, then services), build the engine, walk the plan (every
// bucket: live output, the baseline's verdict, samples), collect, analyse, write.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <faultline/analysis/drill_analysis.hpp>
#include <faultline/analysis/recording.hpp>
#include <faultline/core/clock.hpp>
#include <faultline/faults/recovery.hpp>
#include <faultline/ramps/load_plan.hpp>
#include <faultline/report/run_result.hpp>
#include <faultline/scenario/scenario.hpp>
#include <faultline/stats/process_samples.hpp>

namespace faultline::engine {
class engine;
}  // namespace faultline::engine
namespace faultline::faults {
class fault_timeline;
}  // namespace faultline::faults
namespace faultline::analysis {
class step_meter;
}  // namespace faultline::analysis
namespace faultline::live {
class metrics_server;
class progress_printer;
class live_sampler;
}  // namespace faultline::live
namespace faultline::processes {
class process_guard;
class service_supervisor;
}  // namespace faultline::processes

namespace faultline::run {

class run_recorder;
class scenario_proxies;
struct step_runner;

/// How a run is carried out and where it writes; the scenario says what it does.
struct session_options {
    std::string results_dir;     ///< empty: results/<scenario>/<timestamp>
    bool progress = true;        ///< a line per step (and a live line on a terminal)
    std::string store;           ///< the run store's libpq conninfo; empty: none
    std::string metrics_listen;  ///< serve live metrics at HOST:PORT; empty: none
    std::string metrics_token;   ///< bearer token the metrics need; empty: none (loopback only)
};

/// A run, used once: construct, then run(). Whatever the run started is stopped, and every
/// fault removed, when run() returns or throws (members are destroyed in the reverse order of
/// the steps that made them).
class run_session {
public:
    /// Relative program paths of `sc` that name files beside the scenario file are anchored
    /// there, so that a scenario runs from any working directory.
    run_session(scenario::scenario sc, session_options options);
    ~run_session();
    run_session(const run_session&) = delete;
    run_session& operator=(const run_session&) = delete;

    /// Runs every step; returns the process exit code (core::exit_code). Throws on an internal
    /// error (the caller reports it as "could not run").
    int run();

private:
    std::optional<int> prepare();
    std::optional<int> start_owned();
    void build_engine();
    void start_faults();
    void on_bucket();
    void show_live(double t, const std::vector<std::string>& active);
    void walk_plan();
    void collect();
    void analyse();
    int write();

    scenario::scenario sc_;
    session_options options_;
    report::run_result result_;
    std::filesystem::path folder_;
    // The order below is the order of destruction, reversed: the guard goes last, the faults
    // before what they act on (proxies, services), the engine before its recording.
    std::unique_ptr<processes::process_guard> guard_;
    std::unique_ptr<run_recorder> recorder_;
    std::unique_ptr<live::metrics_server> metrics_;
    std::unique_ptr<scenario_proxies> proxies_;
    std::unique_ptr<processes::service_supervisor> services_;
    std::unique_ptr<engine::engine> load_;
    unsigned threads_ = 1;
    ramps::load_plan plan_;
    std::unique_ptr<live::progress_printer> progress_;
    clock::time_point run_start_{};
    std::unique_ptr<faults::fault_timeline> timeline_;
    faults::span baseline_span_{};
    std::optional<analysis::baseline_verdict> baseline_;
    std::optional<analysis::recording> recorded_;
    std::unique_ptr<analysis::step_meter> meter_;
    std::unique_ptr<step_runner> runner_;
    stats::process_samples samples_;  ///< the services' /proc once a second (the soak's drift)
    std::size_t buckets_ = 0;
    std::unique_ptr<live::live_sampler> live_;
    double load_end_s_ = 0;
};

}  // namespace faultline::run
