#include <algorithm>

#include <fmt/core.h>

#include <faultline/analysis/drill_analysis.hpp>
#include <faultline/analysis/health_series.hpp>
#include <faultline/analysis/shape_analysis.hpp>
#include <faultline/core/endpoint.hpp>

namespace faultline::analysis {
namespace {

constexpr double epsilon = 1e-6;
constexpr double bucket_s = 0.1;

// Windows that end by `horizon` and buckets that start before it: a fault's recovery is looked
// for before the next fault begins.
template <class T, class End>
std::vector<T> before(const std::vector<T>& items, double horizon, End end_of) {
    std::vector<T> out;
    for (const auto& item : items) {
        if (end_of(item) <= horizon + epsilon)
            out.push_back(item);
    }
    return out;
}

// Whether workload `w` uses what a fault on `target` hits. A proxy and the service behind it
// (the proxy's upstream is the service's ready address) are one dependency: a workload that
// names the "db" proxy depends on the "postgres" service it fronts, and the other way round.
bool depends_on(const scenario::scenario& sc, const scenario::workload& w,
                const std::string& target) {
    const auto names = [&](const std::string& name) {
        return std::find(w.depends_on.begin(), w.depends_on.end(), name) != w.depends_on.end();
    };
    if (names(target))
        return true;
    for (const auto& p : sc.proxies) {
        for (const auto& s : sc.services) {
            if (!s.ready || s.ready->tcp.port != p.upstream.port ||
                core::numeric_host(s.ready->tcp.host) != core::numeric_host(p.upstream.host))
                continue;
            if ((target == s.name && names(p.name)) || (target == p.name && names(s.name)))
                return true;
        }
    }
    return false;
}

}  // namespace

baseline_verdict judge_baseline(const recording& recorded, const faults::slo& slo,
                                faults::span baseline) {
    const auto length = window_buckets(slo);
    const auto judge = [&](std::optional<std::size_t> workload) {
        auto r = faults::analyse_recovery(health_windows(recorded, workload, length, slo.quantile),
                                          errors_by_bucket(recorded, workload), slo, baseline,
                                          {baseline.end_s, baseline.end_s});
        return r.baseline_healthy;
    };
    if (baseline.end_s - baseline.start_s < to_seconds(slo.window) - epsilon) {
        return {false, fmt::format("the baseline before the first fault ({:.1f} s) is shorter than "
                                   "one [slo] window ({:.1f} s)",
                                   baseline.end_s - baseline.start_s, to_seconds(slo.window))};
    }
    if (!judge(std::nullopt))
        return {false, "the baseline before the first fault was not healthy against [slo]"};
    const auto& names = recorded.timeline.workload_names();
    for (std::size_t w = 0; w < names.size() && names.size() > 1; ++w) {
        if (!judge(w))
            return {false, "the baseline of workload " + names[w] +
                               " before the first fault was not healthy against [slo]"};
    }
    return {true, {}};
}

report::drill_analysis analyse_drill(const scenario::scenario& sc, const recording& recorded,
                                     faults::span baseline, const baseline_verdict& verdict,
                                     std::vector<faults::fault_record> records, double run_end_s) {
    report::drill_analysis out;
    out.slo = sc.slo;
    out.baseline = baseline;
    out.baseline_healthy = verdict.healthy;
    out.baseline_problem = verdict.reason;
    const auto length = window_buckets(out.slo);
    const auto& names = recorded.timeline.workload_names();
    std::vector<std::vector<faults::health_window>> windows;
    std::vector<std::vector<faults::bucket_errors>> errors;
    windows.push_back(health_windows(recorded, std::nullopt, length, out.slo.quantile));
    errors.push_back(errors_by_bucket(recorded, std::nullopt));
    for (std::size_t w = 0; w < names.size(); ++w) {
        windows.push_back(health_windows(recorded, w, length, out.slo.quantile));
        errors.push_back(errors_by_bucket(recorded, w));
    }

    // When each fault began (the next one after a fault bounds its recovery).
    std::vector<double> starts;
    for (const auto& r : records) {
        if (r.started_s)
            starts.push_back(*r.started_s);
    }
    for (auto& record : records) {
        report::fault_result f;
        f.record = std::move(record);
        const auto& rec = f.record;
        if (rec.started_s) {
            f.disruption = {*rec.started_s, rec.removed_s.value_or(run_end_s)};
            f.analysed = rec.took_effect();
        }
        if (f.analysed) {
            // The next fault that starts after this one ended bounds its recovery.
            double horizon = run_end_s + 1;
            for (const double start : starts) {
                if (start >= f.disruption.end_s - epsilon && start < horizon)
                    horizon = start;
            }
            const auto analyse = [&](std::size_t series) {
                const auto w = before(windows[series], horizon,
                                      [](const auto& x) { return x.start_s + x.seconds; });
                const auto b =
                    before(errors[series], horizon - 0.1, [](const auto& x) { return x.start_s; });
                return faults::analyse_recovery(w, b, out.slo, baseline, f.disruption);
            };
            f.overall = analyse(0);
            for (std::size_t w = 0; w < names.size(); ++w)
                f.workloads.emplace_back(names[w], analyse(w + 1));
            // Spillover: a workload that does not use the faulted dependency turned unhealthy.
            for (std::size_t w = 0; w < names.size() && !rec.target.empty(); ++w) {
                const auto& r = f.workloads[w].second;
                if (!r.time_to_detect_s || depends_on(sc, sc.workloads[w], rec.target))
                    continue;
                out.spillovers.push_back({rec.name, names[w],
                                          f.disruption.start_s + *r.time_to_detect_s -
                                              to_seconds(out.slo.window) - bucket_s});
            }
        }
        out.faults.push_back(std::move(f));
    }
    std::stable_sort(
        out.spillovers.begin(), out.spillovers.end(),
        [](const auto& a, const auto& b) { return a.unhealthy_at_s < b.unhealthy_at_s; });
    out.cascade = !out.spillovers.empty();
    return out;
}

void judge_drill(const report::drill_analysis& drill, bool interrupted, report::run_result& r) {
    const auto invalid = [&](std::string reason) {
        r.verdict = report::verdict_kind::invalid;
        r.reasons.push_back(std::move(reason));
    };
    const auto fail = [&](std::string reason) {
        if (r.verdict == report::verdict_kind::pass)
            r.verdict = report::verdict_kind::fail;
        r.reasons.push_back(std::move(reason));
    };
    bool any_skipped = false;
    for (const auto& f : drill.faults) {
        const auto& rec = f.record;
        if (rec.skipped) {
            any_skipped = true;
            continue;
        }
        if (!rec.started_s) {
            if (!interrupted)
                invalid("fault " + rec.name + " was not reached: " + rec.error);
            continue;
        }
        if (!rec.applied_s) {
            invalid("fault " + rec.name + " could not be applied: " + rec.error);
            continue;
        }
        if (!rec.took_effect()) {
            std::string counts;
            for (const auto& [what, n] : rec.touched)
                counts += (counts.empty() ? "" : ", ") + what + " " + std::to_string(n);
            invalid("fault " + rec.name + " never took effect: it touched nothing (" + counts +
                    ")");
            continue;
        }
        // Only a fault that made the service unhealthy, and ended before the run did, can have
        // been recovered from.
        if (f.overall.time_to_detect_s && !f.overall.recovered && !rec.removed_at_run_end &&
            !interrupted) {
            fail("did not recover from fault " + rec.name + " before the run ended");
        }
    }
    if (any_skipped || !drill.baseline_healthy)
        invalid("no fault was injected: " + (drill.baseline_problem.empty()
                                                 ? std::string("the baseline was not healthy")
                                                 : drill.baseline_problem));
    for (const auto& s : drill.spillovers) {
        fail(
            fmt::format("cascade: workload {} turned unhealthy at {:.1f}s during fault {}, "
                        "though it does not depend on what the fault hit",
                        s.workload, s.unhealthy_at_s, s.fault));
    }
}

}  // namespace faultline::analysis
