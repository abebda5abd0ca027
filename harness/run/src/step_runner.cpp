#include <thread>

#include <faultline/ramps/refinement.hpp>
#include <faultline/run/interrupt.hpp>
#include <faultline/run/step_runner.hpp>

namespace faultline::run {

bool run_for(engine::engine& load, analysis::step_meter& meter, analysis::recording& record,
             nanoseconds duration, clock::time_point start,
             const std::function<double(nanoseconds)>& level_at,
             const std::function<void()>& each_bucket) {
    stats::interval_snapshot interval;
    const auto end = start + duration;
    auto next_tick = start;
    while (next_tick < end) {
        next_tick = std::min(next_tick + analysis::bucket_width, end);
        std::this_thread::sleep_until(next_tick);
        auto info = load.collect(interval);
        record.add(interval, to_seconds(clock::now() - record.run_start));
        meter.add(interval, info.worker_cpu, clock::now());
        if (each_bucket)
            each_bucket();
        if (interrupt_flag().load() != 0)
            return false;
        if (level_at)
            load.set_level(level_at(next_tick - start));
    }
    return true;
}

bool step_runner::cool_down(nanoseconds length) {
    load.set_level(0);
    level_now = 0;
    phase_now = "cool_down";
    const auto start = clock::now();
    meter.begin(0, 0, start, length, length);
    return run_for(load, meter, record, length, start, {}, each_bucket);
}

report::step_record step_runner::run(const ramps::plan_segment& segment,
                                     const report::step_record* previous, bool& completed,
                                     bool probe) {
    const auto start = clock::now();
    load.set_level(segment.start_level);
    level_now = segment.start_level;
    phase_now = probe ? "probe" : segment.phase;
    segment_now = segment.index;
    meter.begin(segment.index, segment.end_level, start, segment.warmup, segment.duration);
    std::function<double(nanoseconds)> level_at;
    if (segment.ramped()) {
        level_at = [this, &segment](nanoseconds elapsed) {
            level_now = ramps::level_at(segment, elapsed);
            return level_now;
        };
    }
    completed = run_for(load, meter, record, segment.duration, start, level_at, each_bucket);
    auto result = meter.finish(!completed, previous, segment.judged);
    result.phase = segment.phase;
    result.probe = probe;
    if (segment.ramped())
        result.from_level = segment.start_level;
    progress.step(result);
    return result;
}

/*
 * Refinement: the ramp's last step failed and the one before passed; bisect between their levels
 * (ramps::refinement), each probe a full step, until the interval is within the tolerance. A
 * probe is judged against the last passing record (the knee needs a step to compare with).
 */
void refine(const scenario::scenario& sc, step_runner& runner, report::run_result& result) {
    const auto& steps = result.steps;
    if (steps.size() < 2)
        return;
    const auto& failed = steps.back();
    const auto& passed = steps[steps.size() - 2];
    if (failed.passed || failed.interrupted || failed.generator_bound || !passed.passed)
        return;
    ramps::refinement search(
        passed.level, failed.level,
        {sc.ramp.refine_tolerance, sc.ramp.repeats, sc.ramp.model == core::load_model::closed, 32});
    report::step_record best_pass = passed;
    const auto cooldown = std::max<nanoseconds>(sc.ramp.steps().warmup, std::chrono::seconds(1));
    while (auto level = search.next()) {
        // A failed step leaves the target with queues full of work: let it drain first, so the
        // probe measures the level and not the backlog.
        if (!result.steps.back().passed && !runner.cool_down(cooldown))
            return;
        const ramps::plan_segment probe{
            steps.size(),           "step", *level, *level, sc.ramp.steps().step_duration,
            sc.ramp.steps().warmup, true};
        bool completed = true;
        auto record = runner.run(probe, &best_pass, completed, true);
        if (completed && record.generator_bound) {
            // A generator-bound probe says nothing about the target (on a shared machine a
            // scheduling hiccup is enough): keep it as a row, run the level once more.
            result.steps.push_back(std::move(record));
            auto again = probe;
            again.index = result.steps.size();
            record = runner.run(again, &best_pass, completed, true);
        }
        if (!completed) {
            result.steps.push_back(std::move(record));
            return;
        }
        // Still generator-bound: count it as failing, to stay on the safe side of the capacity.
        const bool ok = record.passed && !record.generator_bound;
        search.record(ok);
        if (ok && record.level >= best_pass.level && search.pass_level() == record.level)
            best_pass = record;
        result.steps.push_back(std::move(record));
    }
    result.refined =
        report::refined_capacity{search.pass_level(), best_pass.throughput_rps, search.fail_level(),
                                 search.probes(), search.converged()};
}

}  // namespace faultline::run
