#include <fmt/core.h>

#include <faultline/analysis/drill_analysis.hpp>
#include <faultline/analysis/run_analysis.hpp>
#include <faultline/analysis/step_meter.hpp>
#include <faultline/core/spawn.hpp>
#include <faultline/ramps/capacity_model.hpp>
#include <faultline/ramps/generator_limit.hpp>
#include <faultline/ramps/knee.hpp>
#include <faultline/ramps/littles_law.hpp>
#include <faultline/ramps/power_peak.hpp>
#include <faultline/ramps/usl_fit.hpp>

namespace faultline::analysis {
namespace {

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
    if (sc.ramp.model != core::load_model::closed)
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

// The spike's recovery and the soak's drift decide the verdict of those shapes.
void judge_shape_analysis(report::run_result& r) {
    if (r.spike) {
        const auto& overall = r.spike->overall;
        if (!overall.baseline_healthy) {
            r.verdict = report::verdict_kind::invalid;
            r.reasons.push_back(
                "the baseline before the spike was not healthy against [slo]: "
                "the recovery cannot be measured");
        } else if (!overall.recovered) {
            r.verdict = report::verdict_kind::fail;
            r.reasons.push_back("did not recover from the spike before the run ended");
        }
    }
    if (r.soak) {
        for (const auto& line : r.soak->suspected) {
            r.verdict = report::verdict_kind::fail;
            r.reasons.push_back(line);
        }
    }
}

// [breaking_point] min_capacity: the capacity found (refined when it was) must reach it.
void judge_min_capacity(const scenario::scenario& sc, report::run_result& r) {
    if (!sc.breaking_point.min_capacity)
        return;
    report::capacity_minimum m;
    m.throughput_rps = *sc.breaking_point.min_capacity;
    if (r.refined)
        m.measured_rps = r.refined->pass_throughput_rps;
    else if (r.breaking_point.capacity)
        m.measured_rps = r.breaking_point.capacity->throughput_rps;
    m.passed = m.measured_rps >= m.throughput_rps;
    if (!m.passed) {
        r.verdict = report::verdict_kind::fail;
        r.reasons.push_back(fmt::format("capacity {:.1f}/s is below min_capacity {:g}/s",
                                        m.measured_rps, m.throughput_rps));
    }
    r.min_capacity = m;
}

}  // namespace

void analyse_run(const scenario::scenario& sc, report::run_result& r) {
    std::vector<ramps::step_numbers> judged;
    std::vector<std::vector<ramps::trip>> tripped;
    for (const auto& s : r.steps) {
        if (s.interrupted || s.probe || !s.judged)
            continue;
        judged.push_back(step_meter::numbers_of(s));
        tripped.push_back(s.tripped);
    }
    r.breaking_point = ramps::find_breaking_point(judged, tripped);
    if (sc.ramp.searches())
        model_capacity(sc, r, judged, tripped);
    judge_min_capacity(sc, r);
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
    judge_shape_analysis(r);
    if (r.drill)
        judge_drill(*r.drill, r.interrupted, r);
    if (r.breaking_point.generator_bound && r.breaking_point.step) {
        // The step find_breaking_point stopped at, among the judged ramp steps.
        const report::step_record* bound = nullptr;
        std::size_t position = 0;
        for (const auto& s : r.steps) {
            if (s.interrupted || s.probe || !s.judged)
                continue;
            if (position++ == *r.breaking_point.step)
                bound = &s;
        }
        const auto limit = bound != nullptr ? bound->generator_limit : ramps::generator_limit::cpu;
        r.reasons.push_back("the generator, not the target, limited the step at level " +
                            fmt::format("{:g}", r.breaking_point.level) + ": " +
                            ramps::advice(limit));
    }
}

}  // namespace faultline::analysis
