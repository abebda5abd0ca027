#include "analysis_json.hpp"

#include <cmath>

namespace faultline::report::detail {
namespace {

using json = nlohmann::ordered_json;

json optional_number(const std::optional<double>& value) {
    return value ? json(*value) : json(nullptr);
}

// JSON has no infinity: a perfect line's t statistic is written as null.
json finite(double value) {
    return std::isfinite(value) ? json(value) : json(nullptr);
}

}  // namespace

json span_json(const faults::span& s) {
    return json{{"start_s", s.start_s}, {"end_s", s.end_s}};
}

json recovery_json(const faults::recovery& r) {
    json j;
    j["baseline_rps"] = r.baseline_rps;
    j["baseline_healthy"] = r.baseline_healthy;
    j["time_to_impact_s"] = optional_number(r.time_to_impact_s);
    j["time_to_detect_s"] = optional_number(r.time_to_detect_s);
    j["time_to_recover_s"] = optional_number(r.time_to_recover_s);
    j["recovered"] = r.recovered;
    j["outage_s"] = optional_number(r.outage_s);
    j["lost"] = r.lost;
    j["relapses"] = r.relapses;
    return j;
}

json slo_json(const faults::slo& s) {
    json j;
    j["error_rate"] = s.error_rate;
    j["latency"] =
        s.latency ? json{{"p", s.quantile}, {"max_ms", to_millis(*s.latency)}} : json(nullptr);
    j["min_throughput"] = s.min_throughput;
    j["window_s"] = to_seconds(s.window);
    j["stable_for_s"] = to_seconds(s.stable_for);
    return j;
}

json spike_json(const std::optional<spike_analysis>& spike) {
    if (!spike)
        return nullptr;
    json j;
    j["baseline"] = span_json(spike->baseline);
    j["spike"] = span_json(spike->spike);
    j["resolution_s"] = 0.1;
    j["slo"] = slo_json(spike->slo);
    j["overall"] = recovery_json(spike->overall);
    j["workloads"] = json::object();
    for (const auto& [name, recovery] : spike->workloads)
        j["workloads"][name] = recovery_json(recovery);
    return j;
}

json soak_json(const std::optional<soak_analysis>& soak) {
    if (!soak)
        return nullptr;
    json j;
    j["soak"] = span_json(soak->soak);
    j["series"] = json::object();
    for (const auto& s : soak->series) {
        j["series"][s.name] = {{"samples", s.fit.samples},
                               {"slope_per_s", s.fit.slope_per_s},
                               {"first", s.fit.first},
                               {"last", s.fit.last},
                               {"relative_change", finite(s.fit.relative_change)},
                               {"r2", s.fit.r2},
                               {"t_stat", finite(s.fit.t_stat)},
                               {"significant", s.fit.significant}};
    }
    j["suspected"] = soak->suspected;
    j["leak_suspected"] = !soak->suspected.empty();
    return j;
}

json faults_json(const std::optional<drill_analysis>& drill) {
    json out = json::array();
    if (!drill)
        return out;
    for (const auto& f : drill->faults) {
        const auto& r = f.record;
        json j;
        j["name"] = r.name;
        j["kind"] = r.kind;
        j["target"] = r.target.empty() ? json(nullptr) : json(r.target);
        j["requested_start_s"] = r.requested_start_s;
        j["requested_end_s"] = optional_number(r.requested_end_s);
        j["start_s"] = optional_number(r.started_s);
        j["effective_s"] = optional_number(r.applied_s);
        j["end_s"] = optional_number(r.removed_s);
        j["removed_at_run_end"] = r.removed_at_run_end;
        j["took_effect"] = r.took_effect();
        j["touched"] = json::object();
        for (const auto& [what, n] : r.touched)
            j["touched"][what] = n;
        j["error"] = r.error.empty() ? json(nullptr) : json(r.error);
        j["resolution_s"] = 0.1;
        if (f.analysed) {
            j["overall"] = recovery_json(f.overall);
            j["workloads"] = json::object();
            for (const auto& [name, rec] : f.workloads) {
                auto w = recovery_json(rec);
                w["affected"] = rec.time_to_detect_s.has_value();
                j["workloads"][name] = w;
            }
        } else {
            j["overall"] = nullptr;
            j["workloads"] = json::object();
        }
        out.push_back(j);
    }
    return out;
}

json cascade_json(const std::optional<drill_analysis>& drill) {
    json j{{"detected", drill && drill->cascade}, {"spillover", json::array()}};
    if (!drill)
        return j;
    for (const auto& s : drill->spillovers)
        j["spillover"].push_back(
            {{"fault", s.fault}, {"workload", s.workload}, {"unhealthy_at_s", s.unhealthy_at_s}});
    return j;
}

}  // namespace faultline::report::detail
