#include <ctime>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include <faultline/report/writers.hpp>

#include "analysis_json.hpp"
#include "builtin_writers.hpp"

namespace faultline::report {
namespace {

using json = nlohmann::ordered_json;

json errors_json(const counters& c) {
    json errors = json::object();
    for (std::size_t i = 0; i < stats::outcome_count; ++i) {
        auto kind = static_cast<stats::outcome>(i);
        if (stats::is_error(kind))
            errors[std::string(stats::to_string(kind))] = c.outcomes[i];
    }
    return errors;
}

json trip_json(const ramps::trip& t) {
    json j;
    j["criterion"] = t.criterion;
    j["value"] = t.value;
    j["limit"] = t.limit;
    j["unit"] = ramps::to_string(t.unit);
    j["at_s"] = t.at_s ? json(*t.at_s) : json(nullptr);
    return j;
}

json step_json(const step_record& s) {
    json j;
    j["index"] = s.index;
    j["phase"] = s.phase;
    j["level"] = s.level;
    j["from_level"] = s.from_level ? json(*s.from_level) : json(nullptr);
    j["judged"] = s.judged;
    j["start_s"] = s.start_s;
    j["end_s"] = s.end_s;
    j["offered_rps"] = s.offered_rps;
    j["throughput_rps"] = s.throughput_rps;
    j["achieved_rps"] = s.achieved_rps;
    j["error_rate"] = s.error_rate;
    j["p50_ms"] = to_millis(s.latency.p50);
    j["p90_ms"] = to_millis(s.latency.p90);
    j["p99_ms"] = to_millis(s.latency.p99);
    j["max_ms"] = to_millis(s.latency.max);
    j["mean_ms"] = to_millis(s.latency.mean);
    j["service_p50_ms"] = to_millis(s.service_time.p50);
    j["service_p99_ms"] = to_millis(s.service_time.p99);
    j["schedule_lag_p99_ms"] = to_millis(s.schedule_lag_p99);
    j["generator_cpu"] = s.generator_cpu;
    j["sent"] = s.counts.sent;
    j["ok"] = s.counts.ok();
    j["cancelled"] = s.counts.cancelled();
    j["missed"] = s.counts.missed;
    j["errors"] = errors_json(s.counts);
    j["passed"] = s.passed;
    j["tripped"] = json::array();
    for (const auto& t : s.tripped)
        j["tripped"].push_back(trip_json(t));
    j["generator_bound"] = s.generator_bound;
    j["generator_limit"] =
        s.generator_bound ? json(ramps::to_string(s.generator_limit)) : json(nullptr);
    j["interrupted"] = s.interrupted;
    j["probe"] = s.probe;
    j["littles_ratio"] = s.littles_ratio ? json(*s.littles_ratio) : json(nullptr);
    j["queued_in_generator"] = s.queued_in_generator;
    return j;
}

json latency_json(const latency_summary& l) {
    return {{"p50_ms", to_millis(l.p50)},
            {"p90_ms", to_millis(l.p90)},
            {"p99_ms", to_millis(l.p99)},
            {"max_ms", to_millis(l.max)},
            {"mean_ms", to_millis(l.mean)}};
}

// The request phases measured, each {count, p50_ms, ...}; null when the driver measures none.
json phases_json(const std::vector<phase_summary>& phases) {
    if (phases.empty())
        return nullptr;
    json out = json::object();
    for (const auto& p : phases) {
        auto figures = latency_json(p.took);
        figures["count"] = p.count;
        out[std::string(stats::to_string(p.phase))] = std::move(figures);
    }
    return out;
}

json refined_json(const std::optional<refined_capacity>& refined) {
    if (!refined)
        return nullptr;
    return {{"level", refined->fail_level},
            {"capacity",
             {{"level", refined->pass_level}, {"throughput_rps", refined->pass_throughput_rps}}},
            {"probes", refined->probes},
            {"converged", refined->converged}};
}

json optional_number(const std::optional<double>& v) {
    return v ? json(*v) : json(nullptr);
}

json usl_json(const capacity_model& m) {
    if (!m.usl)
        return {{"fitted", false}, {"reason", m.usl_missing}};
    const auto& u = *m.usl;
    return {{"fitted", true},
            {"sigma", u.sigma},
            {"kappa", u.kappa},
            {"lambda", u.lambda},
            {"peak_level", optional_number(u.peak_level)},
            {"peak_throughput", optional_number(u.peak_throughput_rps)},
            {"r2", u.r_squared},
            {"steps", u.steps}};
}

json breaking_point_json(const ramps::breaking_point& bp,
                         const std::optional<refined_capacity>& refined,
                         const capacity_model& model) {
    json j;
    j["found"] = bp.found;
    j["level"] = bp.step ? json(bp.level) : json(nullptr);
    j["criterion"] = bp.step ? json(bp.criterion) : json(nullptr);
    if (bp.capacity) {
        j["capacity"] = {{"level", bp.capacity->level},
                         {"throughput_rps", bp.capacity->throughput_rps}};
    } else {
        j["capacity"] = nullptr;
    }
    j["generator_bound"] = bp.generator_bound;
    j["refined"] = refined_json(refined);
    j["knee"] = model.knee ? json{{"level", model.knee->level},
                                  {"throughput_rps", model.knee->throughput_rps},
                                  {"next_load_growth", model.knee->growth.load},
                                  {"next_throughput_growth", model.knee->growth.throughput}}
                           : json(nullptr);
    j["power_peak"] = model.power_peak ? json{{"level", model.power_peak->level},
                                              {"power", model.power_peak->power}}
                                       : json(nullptr);
    j["usl"] = usl_json(model);
    return j;
}

json threshold_json(const threshold_result& t) {
    json j = {{"expr", t.expr},
              {"workload", t.workload ? json(*t.workload) : json(nullptr)},
              {"over", t.over},
              {"metric", t.metric},
              {"unit", t.unit},
              {"value", optional_number(t.value)},
              {"limit", t.limit},
              {"passed", t.passed},
              {"at_s", optional_number(t.at_s)},
              {"message", t.message}};
    if (t.step)
        j["step"] = *t.step;
    if (t.over == "window") {
        j["window_s"] = t.window_s;
        j["for_s"] = t.for_s;
    }
    return j;
}

std::string iso8601(std::chrono::system_clock::time_point t) {
    std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

}  // namespace

void write_summary_json(const run_result& r, const std::filesystem::path& file) {
    json j;
    j["scenario"] = r.scenario;
    j["started_at"] = iso8601(r.started_at);
    j["duration_s"] = r.duration_s;
    j["version"] = r.version;
    j["model"] = r.model;
    j["interrupted"] = r.interrupted;
    j["steps"] = json::array();
    for (const auto& s : r.steps)
        j["steps"].push_back(step_json(s));
    j["breaking_point"] = breaking_point_json(r.breaking_point, r.refined, r.capacity);
    j["breaking_point"]["min_capacity"] =
        r.min_capacity ? json{{"throughput_rps", r.min_capacity->throughput_rps},
                              {"measured_rps", r.min_capacity->measured_rps},
                              {"passed", r.min_capacity->passed}}
                       : json(nullptr);
    j["spike"] = detail::spike_json(r.spike);
    j["soak"] = detail::soak_json(r.soak);
    j["faults"] = detail::faults_json(r.drill);
    j["cascade"] = detail::cascade_json(r.drill);
    if (r.drill) {
        j["drill"] = {{"baseline", detail::span_json(r.drill->baseline)},
                      {"baseline_healthy", r.drill->baseline_healthy},
                      {"slo", detail::slo_json(r.drill->slo)}};
    }
    j["thresholds"] = json::array();
    for (const auto& t : r.thresholds)
        j["thresholds"].push_back(threshold_json(t));
    j["totals"] = {{"sent", r.totals.sent},
                   {"ok", r.totals.ok()},
                   {"errors", errors_json(r.totals)},
                   {"cancelled", r.totals.cancelled()},
                   {"missed", r.totals.missed}};
    j["totals"]["latency"] = latency_json(r.total_latency);
    j["workloads"] = json::object();
    for (std::size_t w = 0; w < r.workload_totals.size(); ++w) {
        const auto& [name, c] = r.workload_totals[w];
        // Indeterminate: sent and never answered (the request may have been applied);
        // failed: answered with an error, or never sent.
        const auto indeterminate = c.errors_of(stats::outcome::timeout) +
                                   c.errors_of(stats::outcome::eof) +
                                   c.errors_of(stats::outcome::reset);
        j["workloads"][name] = {{"sent", c.sent},
                                {"ok", c.ok()},
                                {"errors", errors_json(c)},
                                {"cancelled", c.cancelled()},
                                {"missed", c.missed},
                                {"failed", c.errors() - indeterminate},
                                {"indeterminate", indeterminate}};
        j["workloads"][name]["latency"] =
            w < r.workload_latency.size() ? latency_json(r.workload_latency[w]) : json(nullptr);
        j["workloads"][name]["phases"] =
            w < r.workload_phases.size() ? phases_json(r.workload_phases[w]) : json(nullptr);
    }
    j["verdict"] = to_string(r.verdict);
    j["reasons"] = r.reasons;
    std::ofstream out(file);
    out << j.dump(2) << '\n';
    if (!out)
        throw std::runtime_error("cannot write " + file.string());
}

const results_writer summary_json_writer{
    "summary.json",
    [](const run_output& run, const std::filesystem::path& file) {
        write_summary_json(run.result, file);
    },
    nullptr};

}  // namespace faultline::report
