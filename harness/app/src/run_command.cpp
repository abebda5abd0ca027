#include "run_command.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include <spdlog/spdlog.h>

#include <faultline/core/endpoint.hpp>
#include <faultline/core/logging.hpp>
#include <faultline/core/spawn.hpp>
#include <faultline/core/units.hpp>
#include <faultline/drivers/make_driver.hpp>
#include <faultline/engine/engine.hpp>
#include <faultline/faults/fault_timeline.hpp>
#include <faultline/ramps/shape_descriptor.hpp>
#include <faultline/report/summary_renderers.hpp>
#include <faultline/report/writers.hpp>
#include <faultline/scenario/loader.hpp>

#include "drill_analysis.hpp"
#include "fault_plan.hpp"
#include "history_command.hpp"
#include "interrupt.hpp"
#include "live_sampler.hpp"
#include "metrics_server.hpp"
#include "process_guard.hpp"
#include "process_sampler.hpp"
#include "progress.hpp"
#include "results_folder.hpp"
#include "run_analysis.hpp"
#include "scenario_loading.hpp"
#include "scenario_proxies.hpp"
#include "service_supervisor.hpp"
#include "shape_analysis.hpp"
#include "step_meter.hpp"
#include "step_runner.hpp"
#include "threshold_judge.hpp"
#include "version.hpp"

namespace faultline::app {
namespace {

// The plan of the scenario's shape; the loader validated its configuration.
ramps::load_plan plan_of(const scenario::ramp_spec& r) {
    const auto* shape = ramps::find_shape(r.shape);
    if (shape == nullptr)
        throw std::logic_error("unknown shape " + r.shape);
    auto plan = shape->plan(r.shape_config);
    if (!plan)
        throw std::logic_error("invalid " + r.shape + " plan: " + plan.error().front().text());
    return *plan;
}

// The last step the criteria judged (the knee compares with it), or null.
const report::step_record* last_judged(const std::vector<report::step_record>& steps) {
    for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
        if (it->judged && !it->interrupted)
            return &*it;
    }
    return nullptr;
}

ramps::criteria criteria_of(const scenario::scenario& s) {
    const auto& b = s.breaking_point;
    ramps::criteria c;
    c.error_rate = b.error_rate;
    for (const auto& limit : b.latency)
        c.latency.push_back({limit.quantile, limit.limit});
    c.knee = b.knee;
    if (s.ramp.model == scenario::load_model::open) {
        c.min_attainment = b.min_attainment;
        if (b.max_dropped)
            c.max_dropped = ramps::dropped_limit{*b.max_dropped, b.max_dropped_fraction};
    }
    c.window = b.window;
    c.consecutive = b.consecutive;
    return c;
}

// A relative program path with a '/' ("../scripts/postgres.sh") names a file beside the
// scenario when one is there, so that a scenario runs from any working directory.
void anchor_programs(scenario::scenario& sc) {
    const auto base = std::filesystem::path(sc.source_path).parent_path();
    const auto anchor = [&](std::vector<std::string>& argv) {
        if (argv.empty() || argv.front().find('/') == std::string::npos ||
            argv.front().front() == '/')
            return;
        std::error_code ec;
        const auto beside = base / argv.front();
        if (std::filesystem::exists(beside, ec))
            argv.front() = std::filesystem::absolute(beside, ec).lexically_normal().string();
    };
    for (auto& service : sc.services)
        anchor(service.command);
    for (auto& fault : sc.faults) {
        if (auto* command = std::get_if<scenario::command_fault>(&fault.action)) {
            anchor(command->command);
            anchor(command->undo);
        }
    }
}

// The run's identity on the live metrics, with every fault (none in place yet).
live_state live_identity(const scenario::scenario& sc, const report::run_result& result) {
    live_state identity;
    identity.scenario = sc.name;
    identity.model = result.model;
    identity.version = result.version;
    for (const auto& f : sc.faults)
        identity.faults.emplace_back(f.name, false);
    return identity;
}

struct run_state {
    report::run_result result;
    std::filesystem::path folder;
    std::optional<recording> recorded;
};

int write_results(const run_state& state) {
    try {
        report::write_summary_json(state.result, state.folder / "summary.json");
        report::write_steps_csv(state.result, state.folder / "steps.csv");
        if (state.recorded) {
            report::write_timeline_csv(state.recorded->timeline, state.recorded->bucket_end_s,
                                       state.folder / "timeline.csv");
            report::write_histograms_hlog(state.recorded->timeline, state.recorded->bucket_end_s,
                                          state.result.started_at,
                                          state.folder / "histograms.hlog");
        }
        // Rendered from summary.json, as `faultline report DIR` renders them again.
        report::render_results_folder(state.folder);
    } catch (const std::exception& e) {
        spdlog::error("{}", e.what());
        return exit_failed;
    }
    std::cout << "results: " << state.folder.string() << "\n";
    return exit_ok;
}

int run_loaded(const scenario::scenario& sc, const run_options& options) {
    run_state state;
    auto& result = state.result;
    result.scenario = sc.name;
    result.version = version;
    result.model = sc.ramp.model == scenario::load_model::open ? "open" : "closed";
    result.started_at = std::chrono::system_clock::now();

    auto folder =
        prepare_results_folder(options.results_dir, sc.name, sc.source_path, result.started_at);
    if (!folder) {
        spdlog::error("{}", folder.error());
        return exit_cannot_run;
    }
    state.folder = *folder;
    core::add_log_file((state.folder / "run.log").string());

    install_interrupt_handlers();
    // Before any socket exists: the guard must hold none of them.
    process_guard guard;
    // --store: connected and migrated now, written once the results folder is.
    run_recorder recorder(options.store);
    std::unique_ptr<metrics_server> metrics;
    if (!options.metrics_listen.empty()) {
        auto started = metrics_server::start(options.metrics_listen);
        if (!started) {
            spdlog::error("{}", started.error());
            return exit_cannot_run;
        }
        metrics = std::move(*started);
        spdlog::info("live metrics: http://{}/metrics", metrics->address());
    }
    // Proxies first: the services may connect through them. Declared before the supervisor so
    // they close after the services stop.
    auto proxies = scenario_proxies::start(sc.proxies);
    if (!proxies) {
        spdlog::error("{}", proxies.error());
        return exit_cannot_run;
    }
    service_supervisor services(state.folder, interrupt_flag(), &guard);
    for (const auto& service : sc.services) {
        auto started = services.start(service);
        if (!started) {
            spdlog::error("{}", started.error());
            services.stop_all();
            return interrupt_flag().load() != 0 ? exit_interrupted : exit_cannot_run;
        }
    }

    std::vector<engine::workload_entry> entries;
    for (const auto& w : sc.workloads)
        entries.push_back({drivers::make_driver(w), w.weight, w.think_time});
    const bool owns_proxies = std::any_of(sc.proxies.begin(), sc.proxies.end(),
                                          [](const auto& p) { return !p.standalone(); });
    const unsigned proxy_threads = owns_proxies ? scenario_proxies::threads : 0;
    const unsigned cores = std::thread::hardware_concurrency();
    const unsigned threads = sc.engine.threads != 0
                                 ? sc.engine.threads
                                 : std::max(1U, cores > proxy_threads ? cores - proxy_threads : 1U);
    engine::engine load({threads, sc.ramp.model, sc.ramp.max_connections, 20261123},
                        std::move(entries));
    const auto plan = plan_of(sc.ramp);
    progress_printer progress(options.progress, sc.ramp.model, plan.size());

    const auto run_start = clock::now();
    // Declared after the proxies and services: destroyed first, so every fault is removed while
    // what it acts on still exists, however the run ends.
    faults::fault_timeline timeline(
        plan_faults(sc, proxies.value()->server(), services, state.folder), run_start);
    const faults::span baseline_span{to_seconds(plan.front().warmup),
                                     to_seconds(timeline.first_at().value_or(nanoseconds{0}))};
    std::optional<baseline_verdict> baseline;
    std::vector<std::string> names;
    for (const auto& w : sc.workloads)
        names.push_back(w.name);
    auto& recorded = state.recorded.emplace(recording{{}, stats::timeline(names), {}, run_start});
    step_meter meter(sc.workloads.size(), sc.ramp.model, threads, criteria_of(sc),
                     recorded.timeline, run_start);
    load.start();
    step_runner runner{load, meter, recorded, progress};
    // The soak's drift analysis reads the services' /proc once a second.
    process_samples samples;
    std::size_t buckets = 0;
    std::optional<live_sampler> live;
    if (metrics || progress.live_enabled())
        live.emplace(live_identity(sc, result), recorded.timeline);
    const auto show_live = [&](double t, const std::vector<std::string>& active) {
        if (!live)
            return;
        live->update(t, runner.level_now, runner.phase_now, runner.segment_now, active);
        progress.live(live->state());
        if (metrics)
            metrics->publish(live->state());
    };
    runner.each_bucket = [&] {
        const double t = to_seconds(clock::now() - run_start);
        const auto active = timeline.active();
        progress.faults(active, t);
        show_live(t, active);
        // The first fault waits for the baseline's verdict, given at the bucket that ends at
        // its time.
        if (timeline.first_at() && !baseline && t >= baseline_span.end_s - 0.05) {
            baseline = judge_baseline(recorded, slo_of(sc.slo), {baseline_span.start_s, t});
            if (!baseline->healthy)
                spdlog::error("{}: no fault will be injected", baseline->reason);
            timeline.open_gate(baseline->healthy);
        }
        if (sc.ramp.shape != "soak" || ++buckets % 10 != 0)
            return;
        for (const auto& [name, pid] : services.running_pids()) {
            if (auto reading = read_process(pid))
                samples.samples.push_back({t, name, *reading});
        }
    };
    timeline.start();
    bool completed = true;
    for (const auto& segment : plan) {
        const auto* previous = last_judged(result.steps);
        auto record = runner.run(segment, previous, completed);
        // Only the steps shape searches for a breaking point, so only it stops at a failure;
        // every other shape runs its whole plan.
        const bool stop = sc.ramp.searches() && !record.passed && completed;
        result.steps.push_back(std::move(record));
        if (!completed || stop)
            break;
    }
    if (completed && sc.ramp.refine)
        refine(sc, runner, result);
    timeline.stop();
    const double load_end_s = to_seconds(clock::now() - run_start);
    load.stop(sc.engine.drain_timeout);
    stats::interval_snapshot rest;
    load.collect(rest);
    recorded.add(rest);
    runner.level_now = 0;
    show_live(to_seconds(clock::now() - run_start), {});
    result.totals = recorded.totals;
    const auto buckets_recorded = recorded.timeline.size();
    result.total_latency =
        report::summarize(recorded.timeline.merged(0, buckets_recorded, std::nullopt).latency);
    for (std::size_t w = 0; w < names.size(); ++w) {
        const auto whole_run = recorded.timeline.merged(0, buckets_recorded, w);
        result.workload_totals.emplace_back(names[w], whole_run.counts);
        result.workload_latency.push_back(report::summarize(whole_run.latency));
    }
    services.stop_all();
    result.spike = analyse_spike(sc, result.steps, recorded);
    result.soak = analyse_soak(result.steps, recorded, samples);
    if (!sc.faults.empty()) {
        const auto judged =
            baseline.value_or(baseline_verdict{false, "the run ended before the first fault"});
        result.drill = analyse_drill(sc, recorded, {baseline_span.start_s, baseline_span.end_s},
                                     judged, timeline.records(), load_end_s);
    }

    result.interrupted = interrupt_flag().load() != 0;
    result.duration_s = to_seconds(clock::now() - run_start);
    analyse_run(sc, result);
    result.thresholds =
        judge_thresholds(sc.thresholds, {recorded.timeline, recorded.bucket_end_s, result.steps});
    apply_thresholds(result);
    progress.summary(result);
    const int written = write_results(state);
    if (written == exit_ok && !result.interrupted)
        recorder.store(state.folder);  // never throws: the exit code does not depend on it
    if (result.interrupted)
        return exit_interrupted;
    if (written != exit_ok)
        return written;
    return result.verdict == report::verdict_kind::pass ? exit_ok : exit_failed;
}

}  // namespace

int run_command(const run_options& options) {
    if (!options.metrics_listen.empty()) {
        auto where = core::parse_host_port(options.metrics_listen);
        if (!where || !core::is_loopback_host(where->host)) {
            std::cerr << "--metrics " << options.metrics_listen << ": "
                      << (where ? "expected a loopback address (127.0.0.1, ::1 or localhost)"
                                : where.error())
                      << "\n";
            return exit_usage;
        }
    }
    auto loaded = load_for_command(options.scenario_path, options.overrides, options.time_scale);
    if (!loaded)
        return exit_usage;
    anchor_programs(*loaded);
    try {
        return run_loaded(*loaded, options);
    } catch (const std::exception& e) {
        spdlog::error("run failed: {}", e.what());
        return exit_cannot_run;
    }
}

int report_command(const std::string& folder) {
    try {
        report::render_results_folder(folder);
    } catch (const std::exception& e) {
        std::cerr << "faultline report: " << e.what() << "\n";
        return exit_usage;
    }
    const std::filesystem::path dir(folder);
    std::cout << "rendered " << (dir / "junit.xml").string() << " and "
              << (dir / "report.html").string() << "\n";
    return exit_ok;
}

int validate_command(const std::string& scenario_path, const std::vector<std::string>& overrides,
                     double time_scale) {
    auto loaded = load_for_command(scenario_path, overrides, time_scale);
    if (!loaded)
        return exit_usage;
    std::cout << scenario_path << ": ok (" << loaded->workloads.size() << " workloads, "
              << loaded->services.size() << " services)\n";
    return exit_ok;
}

}  // namespace faultline::app
