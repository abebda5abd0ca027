#include <cmath>
#include <map>

#include <fmt/core.h>

#include <faultline/analysis/health_series.hpp>
#include <faultline/analysis/shape_analysis.hpp>

namespace faultline::analysis {
namespace {

const report::step_record* phase(const std::vector<report::step_record>& steps,
                                 const std::string& name) {
    for (const auto& s : steps) {
        if (s.phase == name)
            return &s;
    }
    return nullptr;
}

// One value a second over [from, to): successful throughput and p99 of whole seconds.
struct per_second {
    std::vector<double> t;
    std::vector<double> throughput;
    std::vector<double> p99_ms;
};

per_second seconds_of(const recording& r, double from, double to) {
    per_second out;
    const std::size_t n = std::min(r.timeline.size(), r.bucket_end_s.size());
    std::size_t first = 0;
    while (first < n && bucket_start(r, first) < from - 1e-6)
        ++first;
    stats::timeline::window merged;
    for (std::size_t i = first; i + 10 <= n && r.bucket_end_s[i + 9] <= to + 1e-6; i += 10) {
        merged.counts = {};
        merged.latency.reset();
        r.timeline.merge_into(i, i + 10, std::nullopt, merged);
        const double seconds = r.bucket_end_s[i + 9] - bucket_start(r, i);
        out.t.push_back(bucket_start(r, i));
        out.throughput.push_back(seconds > 0 ? static_cast<double>(merged.counts.ok()) / seconds
                                             : 0.0);
        out.p99_ms.push_back(to_millis(merged.latency.percentile(99)));
    }
    return out;
}

void add_series(report::soak_analysis& out, const std::string& name, const std::vector<double>& t,
                const std::vector<double>& y, faults::drift_rule rule, const char* what) {
    auto fit = faults::fit_drift(t, y, rule);
    if (!fit)
        return;
    out.series.push_back({name, *fit});
    if (fit->significant) {
        out.suspected.push_back(fmt::format(
            "{} {} {:.1f} % over the soak ({:.4g} → {:.4g}, {} samples): suspected {}", name,
            fit->relative_change >= 0 ? "rose" : "fell", std::abs(fit->relative_change) * 100,
            fit->first, fit->last, fit->samples, what));
    }
}

}  // namespace

std::optional<report::spike_analysis> analyse_spike(const scenario::scenario& sc,
                                                    const std::vector<report::step_record>& steps,
                                                    const recording& recorded) {
    const auto* baseline = phase(steps, "baseline");
    const auto* spike = phase(steps, "spike");
    const auto* after = phase(steps, "after_spike");
    if (sc.ramp.descriptor().analysis != ramps::shape_analysis::spike_recovery ||
        baseline == nullptr || spike == nullptr || after == nullptr || after->interrupted)
        return std::nullopt;
    report::spike_analysis out;
    out.slo = sc.slo;
    const auto& config = std::get<ramps::spike_config>(sc.ramp.shape_config);
    out.baseline = {baseline->start_s + to_seconds(config.warmup), baseline->end_s};
    out.spike = {spike->start_s, spike->end_s};
    const auto length = window_buckets(out.slo);
    const auto analyse = [&](std::optional<std::size_t> workload) {
        return faults::analyse_recovery(
            health_windows(recorded, workload, length, out.slo.quantile),
            errors_by_bucket(recorded, workload), out.slo, out.baseline, out.spike);
    };
    out.overall = analyse(std::nullopt);
    const auto& names = recorded.timeline.workload_names();
    for (std::size_t w = 0; w < names.size() && names.size() > 1; ++w)
        out.workloads.emplace_back(names[w], analyse(w));
    return out;
}

std::optional<report::soak_analysis> analyse_soak(const std::vector<report::step_record>& steps,
                                                  const recording& recorded,
                                                  const stats::process_samples& samples) {
    const auto* soak = phase(steps, "soak");
    if (soak == nullptr || soak->interrupted || soak->judged_s < 10)
        return std::nullopt;
    report::soak_analysis out;
    out.soak = {soak->end_s - soak->judged_s, soak->end_s};
    const auto seconds = seconds_of(recorded, out.soak.start_s, out.soak.end_s);
    add_series(out, "p99_ms", seconds.t, seconds.p99_ms, {0.25, faults::worse_when::rising},
               "degradation");
    add_series(out, "throughput_rps", seconds.t, seconds.throughput,
               {0.10, faults::worse_when::falling}, "degradation");

    struct service_series {
        std::vector<double> t, rss, fds, cpu_t, cpu;
        double last_t = -1, last_cpu = 0;
    };
    std::map<std::string, service_series> by_service;
    for (const auto& s : samples.samples) {
        if (s.t_s < out.soak.start_s || s.t_s > out.soak.end_s)
            continue;
        auto& series = by_service[s.service];
        series.t.push_back(s.t_s);
        series.rss.push_back(s.reading.rss_bytes);
        series.fds.push_back(s.reading.open_fds);
        if (series.last_t >= 0 && s.t_s > series.last_t) {
            series.cpu_t.push_back(s.t_s);
            series.cpu.push_back((s.reading.cpu_seconds - series.last_cpu) /
                                 (s.t_s - series.last_t));
        }
        series.last_t = s.t_s;
        series.last_cpu = s.reading.cpu_seconds;
    }
    for (const auto& [name, series] : by_service) {
        const std::string prefix = "service." + name + ".";
        // A leak must also be large in absolute terms: 1 MiB of memory, 10 descriptors (a few
        // more connections from a slower service are not a descriptor leak).
        add_series(out, prefix + "rss_bytes", series.t, series.rss,
                   {0.10, faults::worse_when::rising, 1024.0 * 1024.0}, "memory leak");
        add_series(out, prefix + "open_fds", series.t, series.fds,
                   {0.10, faults::worse_when::rising, 10.0}, "file descriptor leak");
        add_series(out, prefix + "cpu_fraction", series.cpu_t, series.cpu,
                   {0.25, faults::worse_when::rising}, "CPU degradation");
    }
    return out;
}

}  // namespace faultline::analysis
