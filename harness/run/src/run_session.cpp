#include <algorithm>
#include <iostream>
#include <thread>

#include <spdlog/spdlog.h>

#include <faultline/analysis/run_analysis.hpp>
#include <faultline/analysis/shape_analysis.hpp>
#include <faultline/analysis/step_meter.hpp>
#include <faultline/analysis/threshold_judge.hpp>
#include <faultline/core/exit_code.hpp>
#include <faultline/core/logging.hpp>
#include <faultline/core/version.hpp>
#include <faultline/drivers/driver_descriptor.hpp>
#include <faultline/engine/engine.hpp>
#include <faultline/faults/fault_timeline.hpp>
#include <faultline/live/live_sampler.hpp>
#include <faultline/live/metrics_server.hpp>
#include <faultline/live/progress.hpp>
#include <faultline/processes/process_guard.hpp>
#include <faultline/processes/process_sampler.hpp>
#include <faultline/processes/service_supervisor.hpp>
#include <faultline/report/results_writer.hpp>
#include <faultline/run/fault_plan.hpp>
#include <faultline/run/interrupt.hpp>
#include <faultline/run/results_folder.hpp>
#include <faultline/run/run_recorder.hpp>
#include <faultline/run/run_session.hpp>
#include <faultline/run/scenario_proxies.hpp>
#include <faultline/run/step_runner.hpp>

#include "run_inputs.hpp"

namespace faultline::run {

run_session::run_session(scenario::scenario sc, session_options options)
    : sc_(std::move(sc)), options_(std::move(options)) {
    anchor_programs(sc_);
}

run_session::~run_session() = default;

int run_session::run() {
    if (auto failed = prepare())
        return *failed;
    if (auto failed = start_owned())
        return *failed;
    build_engine();
    start_faults();
    walk_plan();
    collect();
    analyse();
    const int written = write();
    if (written == core::exit_ok && !result_.interrupted)
        recorder_->store(folder_);  // never throws: the exit code does not depend on it
    if (result_.interrupted)
        return core::exit_interrupted;
    if (written != core::exit_ok)
        return written;
    return result_.verdict == report::verdict_kind::pass ? core::exit_ok : core::exit_failed;
}

// The results folder and its log, signals, the guard, the store and the live metrics.
std::optional<int> run_session::prepare() {
    result_.scenario = sc_.name;
    result_.version = core::version;
    result_.model = core::to_string(sc_.ramp.model);
    result_.started_at = std::chrono::system_clock::now();
    auto folder =
        prepare_results_folder(options_.results_dir, sc_.name, sc_.source_path, result_.started_at);
    if (!folder) {
        spdlog::error("{}", folder.error());
        return core::exit_cannot_run;
    }
    folder_ = *folder;
    core::add_log_file((folder_ / "run.log").string());

    install_interrupt_handlers();
    // Before any socket exists: the guard must hold none of them.
    guard_ = std::make_unique<processes::process_guard>();
    // --store: connected and migrated now, written once the results folder is.
    recorder_ = std::make_unique<run_recorder>(options_.store);
    if (!options_.metrics_listen.empty()) {
        auto started = live::metrics_server::start(options_.metrics_listen, options_.metrics_token);
        if (!started) {
            spdlog::error("{}", started.error());
            return core::exit_cannot_run;
        }
        metrics_ = std::move(*started);
        spdlog::info("live metrics: http://{}/metrics", metrics_->address());
    }
    return std::nullopt;
}

// Proxies first: the services may connect through them.
std::optional<int> run_session::start_owned() {
    auto proxies = scenario_proxies::start(sc_.proxies);
    if (!proxies) {
        spdlog::error("{}", proxies.error());
        return core::exit_cannot_run;
    }
    proxies_ = std::move(*proxies);
    services_ =
        std::make_unique<processes::service_supervisor>(folder_, interrupt_flag(), guard_.get());
    for (const auto& service : sc_.services) {
        auto started = services_->start(service);
        if (!started) {
            spdlog::error("{}", started.error());
            services_->stop_all();
            return interrupt_flag().load() != 0 ? core::exit_interrupted : core::exit_cannot_run;
        }
    }
    return std::nullopt;
}

// The engine gets the cores the in-process proxies leave; then the plan, the recording and
// the meter that judges each step.
void run_session::build_engine() {
    std::vector<engine::workload_entry> entries;
    std::vector<std::string> names;
    const drivers::driver_environment env{std::make_shared<net::name_cache>(
        net::name_cache_options{sc_.engine.dns_ttl, sc_.engine.dns_policy, {}})};
    for (const auto& w : sc_.workloads) {
        entries.push_back(
            {drivers::make_driver(w.driver_name, *w.driver, w.check, env), w.weight, w.think_time});
        names.push_back(w.name);
    }
    const bool owns_proxies = std::any_of(sc_.proxies.begin(), sc_.proxies.end(),
                                          [](const auto& p) { return !p.standalone(); });
    const unsigned proxy_threads = owns_proxies ? scenario_proxies::threads : 0;
    const unsigned cores = std::thread::hardware_concurrency();
    threads_ = sc_.engine.threads != 0
                   ? sc_.engine.threads
                   : std::max(1U, cores > proxy_threads ? cores - proxy_threads : 1U);
    load_ = std::make_unique<engine::engine>(
        engine::engine_options{threads_, sc_.ramp.model, sc_.ramp.max_connections, 20261123},
        std::move(entries));
    plan_ = plan_of(sc_.ramp);
    progress_ =
        std::make_unique<live::progress_printer>(options_.progress, sc_.ramp.model, plan_.size());
    run_start_ = clock::now();
    auto& recorded =
        recorded_.emplace(analysis::recording{{}, stats::timeline(names), {}, run_start_, {}});
    meter_ =
        std::make_unique<analysis::step_meter>(sc_.workloads.size(), sc_.ramp.model, threads_,
                                               criteria_of(sc_), recorded.timeline, run_start_);
}

// The fault timeline (made after the proxies and services it acts on, so destroyed first) and
// the per-bucket hook; then the load starts.
void run_session::start_faults() {
    timeline_ = std::make_unique<faults::fault_timeline>(
        plan_faults(sc_, *proxies_, *services_, folder_), run_start_);
    baseline_span_ = {to_seconds(plan_.front().warmup),
                      to_seconds(timeline_->first_at().value_or(nanoseconds{0}))};
    load_->start();
    runner_ = std::make_unique<step_runner>(step_runner{*load_, *meter_, *recorded_, *progress_});
    if (metrics_ || progress_->live_enabled())
        live_ =
            std::make_unique<live::live_sampler>(live_identity(sc_, result_), recorded_->timeline);
    runner_->each_bucket = [this] { on_bucket(); };
    timeline_->start();
}

void run_session::show_live(double t, const std::vector<std::string>& active) {
    if (!live_)
        return;
    live_->update(t, runner_->level_now, runner_->phase_now, runner_->segment_now, active);
    progress_->live(live_->state());
    if (metrics_)
        metrics_->publish(live_->state());
}

// After every bucket: live output; the baseline's verdict, given at the bucket that ends at
// the first fault's time (the fault waits for it); the soak's /proc samples once a second.
void run_session::on_bucket() {
    const double t = to_seconds(clock::now() - run_start_);
    const auto active = timeline_->active();
    progress_->faults(active, t);
    show_live(t, active);
    if (timeline_->first_at() && !baseline_ && t >= baseline_span_.end_s - 0.05) {
        baseline_ = analysis::judge_baseline(*recorded_, sc_.slo, {baseline_span_.start_s, t});
        if (!baseline_->healthy)
            spdlog::error("{}: no fault will be injected", baseline_->reason);
        timeline_->open_gate(baseline_->healthy);
    }
    if (!sc_.ramp.descriptor().samples_processes || ++buckets_ % 10 != 0)
        return;
    for (const auto& [name, pid] : services_->running_pids()) {
        if (auto reading = processes::read_process(pid))
            samples_.samples.push_back({t, name, *reading});
    }
}

void run_session::walk_plan() {
    bool completed = true;
    for (const auto& segment : plan_) {
        const auto* previous = last_judged(result_.steps);
        auto record = runner_->run(segment, previous, completed);
        // Only a shape that searches for a breaking point stops at a failure; every other
        // shape runs its whole plan.
        const bool stop = sc_.ramp.searches() && !record.passed && completed;
        result_.steps.push_back(std::move(record));
        if (!completed || stop)
            break;
    }
    if (completed && sc_.ramp.refine)
        refine(sc_, *runner_, result_);
}

// Faults removed, the load stopped and drained, the last bucket recorded, the totals.
void run_session::collect() {
    timeline_->stop();
    load_end_s_ = to_seconds(clock::now() - run_start_);
    load_->stop(sc_.engine.drain_timeout);
    stats::interval_snapshot rest;
    load_->collect(rest);
    auto& recorded = *recorded_;
    recorded.add(rest, to_seconds(clock::now() - run_start_));
    runner_->level_now = 0;
    show_live(to_seconds(clock::now() - run_start_), {});
    result_.totals = recorded.totals;
    const auto buckets = recorded.timeline.size();
    result_.total_latency =
        report::summarize(recorded.timeline.merged(0, buckets, std::nullopt).latency);
    for (std::size_t w = 0; w < sc_.workloads.size(); ++w) {
        const auto whole_run = recorded.timeline.merged(0, buckets, w);
        result_.workload_totals.emplace_back(sc_.workloads[w].name, whole_run.counts);
        result_.workload_latency.push_back(report::summarize(whole_run.latency));
        result_.workload_phases.push_back(w < recorded.phases.size() && recorded.phases[w]
                                              ? report::summarize(*recorded.phases[w])
                                              : std::vector<report::phase_summary>{});
    }
    services_->stop_all();
}

void run_session::analyse() {
    const auto& recorded = *recorded_;
    result_.spike = analysis::analyse_spike(sc_, result_.steps, recorded);
    result_.soak = analysis::analyse_soak(result_.steps, recorded, samples_);
    if (!sc_.faults.empty()) {
        const auto judged = baseline_.value_or(
            analysis::baseline_verdict{false, "the run ended before the first fault"});
        result_.drill =
            analysis::analyse_drill(sc_, recorded, {baseline_span_.start_s, baseline_span_.end_s},
                                    judged, timeline_->records(), load_end_s_);
    }
    result_.interrupted = interrupt_flag().load() != 0;
    result_.duration_s = to_seconds(clock::now() - run_start_);
    analysis::analyse_run(sc_, result_);
    result_.thresholds = analysis::judge_thresholds(
        sc_.thresholds, {recorded.timeline, recorded.bucket_end_s, result_.steps});
    analysis::apply_thresholds(result_);
    progress_->summary(result_);
}

int run_session::write() {
    try {
        const auto& recorded = *recorded_;
        report::write_results_folder({result_, recorded.timeline, recorded.bucket_end_s}, folder_);
    } catch (const std::exception& e) {
        spdlog::error("{}", e.what());
        return core::exit_failed;
    }
    std::cout << "results: " << folder_.string() << "\n";
    return core::exit_ok;
}

}  // namespace faultline::run
