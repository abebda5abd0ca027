#include "run_command.hpp"

#include <cstdio>
#include <iostream>
#include <optional>
#include <thread>

#include <spdlog/spdlog.h>

#include <faultline/core/logging.hpp>
#include <faultline/core/spawn.hpp>
#include <faultline/core/units.hpp>
#include <faultline/drivers/make_driver.hpp>
#include <faultline/engine/engine.hpp>
#include <faultline/ramps/capacity_model.hpp>
#include <faultline/ramps/littles_law.hpp>
#include <faultline/ramps/step_plan.hpp>
#include <faultline/report/writers.hpp>
#include <faultline/scenario/loader.hpp>

#include "interrupt.hpp"
#include "progress.hpp"
#include "results_folder.hpp"
#include "scenario_proxies.hpp"
#include "service_supervisor.hpp"
#include "step_meter.hpp"
#include "step_runner.hpp"
#include "version.hpp"

namespace faultline::app {
namespace {

ramps::step_config step_config_of(const scenario::ramp_spec& r) {
    return ramps::step_config{r.start,
                              r.step,
                              r.factor,
                              r.max,
                              r.step_duration,
                              r.warmup,
                              r.model == scenario::load_model::closed};
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

struct run_state {
    report::run_result result;
    std::filesystem::path folder;
    std::optional<recording> recorded;
};

// The workloads' think time, weighted as the mix picks them (for Little's law).
nanoseconds mean_think_time(const scenario::scenario& sc) {
    double weights = 0;
    double total = 0;
    for (const auto& w : sc.workloads) {
        weights += w.weight;
        total += w.weight * static_cast<double>(w.think_time.count());
    }
    return nanoseconds(weights > 0 ? static_cast<std::int64_t>(total / weights) : 0);
}

// Knee, power peak and USL over the ramp's steps; Little's law per closed-model step.
void model_capacity(const scenario::scenario& sc, report::run_result& r,
                    const std::vector<ramps::step_numbers>& judged,
                    const std::vector<std::vector<ramps::trip>>& tripped) {
    const auto steps = ramps::model_steps(judged, tripped);
    r.capacity.knee = ramps::find_knee(steps, sc.breaking_point.knee.value_or(0.05));
    r.capacity.power_peak = ramps::find_power_peak(steps);
    auto usl = ramps::fit_usl(steps);
    if (usl)
        r.capacity.usl = *usl;
    else
        r.capacity.usl_missing = usl.error();
    if (sc.ramp.model != scenario::load_model::closed)
        return;
    const auto think = mean_think_time(sc);
    for (auto& s : r.steps) {
        if (s.interrupted)
            continue;
        if (auto check = ramps::check_littles_law(step_meter::numbers_of(s), think)) {
            s.littles_ratio = check->ratio;
            s.queued_in_generator = check->queued_in_generator;
        }
    }
}

void finish_result(const scenario::scenario& sc, run_state& state, clock::time_point run_start) {
    auto& r = state.result;
    r.duration_s = to_seconds(clock::now() - run_start);
    std::vector<ramps::step_numbers> judged;
    std::vector<std::vector<ramps::trip>> tripped;
    for (const auto& s : r.steps) {
        if (s.interrupted || s.probe)
            continue;
        judged.push_back(step_meter::numbers_of(s));
        tripped.push_back(s.tripped);
    }
    r.breaking_point = ramps::find_breaking_point(judged, tripped);
    model_capacity(sc, r, judged, tripped);
    const auto accounted = r.totals.ok() + r.totals.errors() + r.totals.cancelled();
    if (accounted != r.totals.sent) {
        r.verdict = report::verdict_kind::fail;
        r.reasons.push_back("accounting: sent " + std::to_string(r.totals.sent) +
                            " != ok + errors + cancelled " + std::to_string(accounted));
    }
    if (core::coroutine_failures() > 0) {
        r.verdict = report::verdict_kind::fail;
        r.reasons.push_back(std::to_string(core::coroutine_failures()) +
                            " internal coroutine failures (see run.log)");
    }
    if (r.breaking_point.generator_bound) {
        r.reasons.push_back(
            "the generator saturated before the target broke: add threads or machines");
    }
}

int write_results(const run_state& state) {
    try {
        report::write_summary_json(state.result, state.folder / "summary.json");
        report::write_steps_csv(state.result, state.folder / "steps.csv");
        if (state.recorded) {
            report::write_timeline_csv(state.recorded->timeline, state.recorded->bucket_end_s,
                                       state.folder / "timeline.csv");
        }
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
    // Proxies first: the services may connect through them. Declared before the supervisor so
    // they close after the services stop.
    auto proxies = scenario_proxies::start(sc.proxies);
    if (!proxies) {
        spdlog::error("{}", proxies.error());
        return exit_cannot_run;
    }
    service_supervisor services(state.folder, interrupt_flag());
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
    const unsigned proxy_threads = sc.proxies.empty() ? 0 : scenario_proxies::threads;
    const unsigned cores = std::thread::hardware_concurrency();
    const unsigned threads = sc.engine.threads != 0
                                 ? sc.engine.threads
                                 : std::max(1U, cores > proxy_threads ? cores - proxy_threads : 1U);
    engine::engine load({threads, sc.ramp.model, sc.ramp.max_connections, 20261123},
                        std::move(entries));
    const auto plan = ramps::plan_steps(step_config_of(sc.ramp));
    progress_printer progress(options.progress, sc.ramp.model, plan.size());

    const auto run_start = clock::now();
    step_meter meter(sc.workloads.size(), sc.ramp.model, threads, criteria_of(sc), run_start);
    std::vector<std::string> names;
    for (const auto& w : sc.workloads)
        names.push_back(w.name);
    auto& recorded = state.recorded.emplace(recording{{}, stats::timeline(names), {}, run_start});
    load.start();
    step_runner runner{load, meter, recorded, progress};
    bool completed = true;
    for (const auto& step : plan) {
        const auto* previous = result.steps.empty() ? nullptr : &result.steps.back();
        auto record = runner.run(step, previous, completed);
        const bool stop = !record.passed && completed;
        result.steps.push_back(std::move(record));
        if (!completed || stop)
            break;
    }
    if (completed && sc.ramp.refine)
        refine(sc, runner, result);
    load.stop(sc.engine.drain_timeout);
    stats::interval_snapshot rest;
    load.collect(rest);
    recorded.add(rest);
    result.totals = recorded.totals;
    services.stop_all();

    result.interrupted = interrupt_flag().load() != 0;
    finish_result(sc, state, run_start);
    progress.summary(result);
    const int written = write_results(state);
    if (result.interrupted)
        return exit_interrupted;
    if (written != exit_ok)
        return written;
    return result.verdict == report::verdict_kind::pass ? exit_ok : exit_failed;
}

}  // namespace

int run_command(const run_options& options) {
    scenario::load_options load;
    load.overrides = options.overrides;
    auto loaded = scenario::load_scenario_file(options.scenario_path, load);
    if (!loaded) {
        std::cerr << core::to_string(loaded.error());
        return exit_usage;
    }
    try {
        return run_loaded(*loaded, options);
    } catch (const std::exception& e) {
        spdlog::error("run failed: {}", e.what());
        return exit_cannot_run;
    }
}

int validate_command(const std::string& scenario_path, const std::vector<std::string>& overrides) {
    scenario::load_options load;
    load.overrides = overrides;
    auto loaded = scenario::load_scenario_file(scenario_path, load);
    if (!loaded) {
        std::cerr << core::to_string(loaded.error());
        return exit_usage;
    }
    std::cout << scenario_path << ": ok (" << loaded->workloads.size() << " workloads, "
              << loaded->services.size() << " services)\n";
    return exit_ok;
}

}  // namespace faultline::app
