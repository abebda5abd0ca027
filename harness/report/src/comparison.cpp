// Comparing two runs' summary.json: the rows, and the regression rule of each.
#include <algorithm>
#include <array>

#include <faultline/report/comparison.hpp>
#include <faultline/stats/phases.hpp>

namespace faultline::report {
namespace {

using json = nlohmann::json;

// Slack at the threshold's edge, so that exactly "10 % lower" at 10 % is not beyond it whatever
// the rounding of the inputs.
constexpr double edge = 1e-9;
// Absolute floors below which a relative change is noise (documented in comparison.hpp).
constexpr double latency_floor_ms = 1.0;
constexpr double error_rate_floor = 0.001;
constexpr double recovery_floor_s = 0.1;

constexpr std::array latency_metrics{"p50_ms", "p90_ms", "p99_ms", "max_ms"};

bool fell_beyond(double baseline, double current, double threshold) {
    return baseline > 0 && baseline - current > (threshold + edge) * baseline;
}

bool rose_beyond(double baseline, double current, double threshold) {
    return current - baseline > (threshold + edge) * std::max(baseline, 0.0);
}

bool exceeds(double difference, double floor) {
    return difference > floor * (1 + edge);
}

const json& member(const json& j, const char* key) {
    static const json missing;
    if (!j.is_object())
        return missing;
    const auto it = j.find(key);
    return it == j.end() ? missing : *it;
}

std::optional<double> number(const json& j, const char* key) {
    const auto& v = member(j, key);
    return v.is_number() ? std::optional<double>(v.get<double>()) : std::nullopt;
}

std::optional<double> ratio(std::optional<double> part, std::optional<double> whole) {
    if (!part || !whole || *whole <= 0)
        return std::nullopt;
    return *part / *whole;
}

// "" when both values are there, else which side lacks one: "<what> in the baseline", ...
std::string missing_note(const char* what, std::optional<double> baseline,
                         std::optional<double> current) {
    if (baseline && current)
        return {};
    const char* side = !baseline && !current ? " in either run"
                       : !baseline           ? " in the baseline"
                                             : " in the current run";
    return what + std::string(side);
}

void add_row(comparison& out, std::string scope, std::string metric, metric_rule rule,
             std::optional<double> baseline, std::optional<double> current,
             const char* missing_word = "not") {
    comparison_row row{std::move(scope), std::move(metric), rule, baseline, current, false, {}};
    row.regression = is_regression(rule, baseline, current, out.threshold);
    row.note = missing_note(missing_word, baseline, current);
    out.rows.push_back(std::move(row));
}

// The counts of a scope ("totals", or one of "workloads") and the run's length: the rows of
// throughput, error rate and latency.
struct scope_side {
    const json& counts;
    std::optional<double> duration_s;
};

std::optional<double> error_count(const json& counts) {
    const auto& errors = member(counts, "errors");
    if (!errors.is_object())
        return std::nullopt;
    double sum = 0;
    for (const auto& n : errors)
        sum += n.is_number() ? n.get<double>() : 0.0;
    return sum;
}

std::optional<double> error_rate(const json& counts) {
    const auto ok = number(counts, "ok");
    const auto errors = error_count(counts);
    if (!ok || !errors)
        return std::nullopt;
    // Nothing completed: no error either.
    return *ok + *errors > 0 ? *errors / (*ok + *errors) : 0.0;
}

void add_scope_rows(comparison& out, const std::string& scope, const scope_side& baseline,
                    const scope_side& current) {
    add_row(out, scope, "throughput_rps", metric_rule::throughput,
            ratio(number(baseline.counts, "ok"), baseline.duration_s),
            ratio(number(current.counts, "ok"), current.duration_s));
    add_row(out, scope, "error_rate", metric_rule::error_rate, error_rate(baseline.counts),
            error_rate(current.counts));
    const auto& baseline_latency = member(baseline.counts, "latency");
    const auto& current_latency = member(current.counts, "latency");
    for (const char* q : latency_metrics)
        add_row(out, scope, q, metric_rule::latency, number(baseline_latency, q),
                number(current_latency, q));
}

// The request phases either run measured for a workload: p50 and p99 of each, as latency.
void add_phase_rows(comparison& out, const std::string& scope, const json& baseline,
                    const json& current) {
    const auto& b = member(baseline, "phases");
    const auto& c = member(current, "phases");
    for (const auto p : stats::all_phases) {
        const std::string name(stats::to_string(p));
        const auto& in_b = member(b, name.c_str());
        const auto& in_c = member(c, name.c_str());
        if (!in_b.is_object() && !in_c.is_object())
            continue;
        for (const char* q : {"p50_ms", "p99_ms"})
            add_row(out, scope, name + "_" + q, metric_rule::latency, number(in_b, q),
                    number(in_c, q));
    }
}

void add_workloads(comparison& out, const json& baseline, const json& current) {
    const scope_side all_baseline{member(baseline, "totals"), number(baseline, "duration_s")};
    const scope_side all_current{member(current, "totals"), number(current, "duration_s")};
    add_scope_rows(out, "all", all_baseline, all_current);
    const auto& in_baseline = member(baseline, "workloads");
    const auto& in_current = member(current, "workloads");
    if (in_baseline.is_object()) {
        for (const auto& [name, counts] : in_baseline.items()) {
            if (!in_current.contains(name)) {
                out.notes.push_back("workload " + name + " is only in the baseline: not compared");
                continue;
            }
            add_scope_rows(out, name, {counts, all_baseline.duration_s},
                           {in_current[name], all_current.duration_s});
            add_phase_rows(out, name, counts, in_current[name]);
        }
    }
    if (in_current.is_object()) {
        for (const auto& [name, counts] : in_current.items()) {
            if (!in_baseline.contains(name))
                out.notes.push_back("workload " + name +
                                    " is only in the current run: not compared");
        }
    }
}

// The capacity found: the refined one when the ramp was refined.
std::optional<double> capacity_of(const json& summary) {
    const auto& breaking_point = member(summary, "breaking_point");
    const auto& refined = member(breaking_point, "refined");
    if (refined.is_object())
        return number(member(refined, "capacity"), "throughput_rps");
    return number(member(breaking_point, "capacity"), "throughput_rps");
}

const json* fault_named(const json& summary, const std::string& name) {
    const auto& faults = member(summary, "faults");
    if (!faults.is_array())
        return nullptr;
    const auto it = std::find_if(faults.begin(), faults.end(),
                                 [&](const json& f) { return member(f, "name") == name; });
    return it == faults.end() ? nullptr : &*it;
}

void add_fault(comparison& out, const std::string& name, const json& baseline,
               const json& current) {
    const auto& b = member(baseline, "overall");
    const auto& c = member(current, "overall");
    if (!b.is_object() || !c.is_object()) {
        const char* side = b.is_object()   ? "the current run"
                           : c.is_object() ? "the baseline"
                                           : "either run";
        out.notes.push_back("fault " + name + " took no effect in " + side + ": not compared");
        return;
    }
    const auto scope = "fault " + name;
    add_row(out, scope, "time_to_recover_s", metric_rule::recovery, number(b, "time_to_recover_s"),
            number(c, "time_to_recover_s"), "not recovered");
    add_row(out, scope, "time_to_detect_s", metric_rule::informational,
            number(b, "time_to_detect_s"), number(c, "time_to_detect_s"), "not detected");
}

void add_faults(comparison& out, const json& baseline, const json& current) {
    for (const bool is_baseline : {true, false}) {
        const auto& faults = member(is_baseline ? baseline : current, "faults");
        if (!faults.is_array())
            continue;
        const auto& other = is_baseline ? current : baseline;
        for (const auto& fault : faults) {
            const auto& name = member(fault, "name");
            if (!name.is_string())
                continue;
            const auto* match = fault_named(other, name.get<std::string>());
            if (match == nullptr) {
                out.notes.push_back("fault " + name.get<std::string>() + " is only in the " +
                                    (is_baseline ? "baseline" : "current run") + ": not compared");
            } else if (is_baseline) {
                add_fault(out, name.get<std::string>(), fault, *match);
            }
        }
    }
}

void add_run_notes(comparison& out, const json& baseline, const json& current) {
    const auto& b = member(baseline, "scenario");
    const auto& c = member(current, "scenario");
    if (b.is_string() && c.is_string() && b != c)
        out.notes.push_back("the runs are of different scenarios: " + b.get<std::string>() +
                            " and " + c.get<std::string>());
    if (member(baseline, "interrupted") == true)
        out.notes.push_back("the baseline run was interrupted");
    if (member(current, "interrupted") == true)
        out.notes.push_back("the current run was interrupted");
}

}  // namespace

std::size_t comparison::regressions() const {
    return static_cast<std::size_t>(
        std::count_if(rows.begin(), rows.end(), [](const auto& r) { return r.regression; }));
}

bool is_regression(metric_rule rule, std::optional<double> baseline, std::optional<double> current,
                   double threshold) {
    // Lost altogether: no level passed, or no recovery before the run ended.
    const bool lost =
        (rule == metric_rule::capacity || rule == metric_rule::recovery) && baseline && !current;
    if (lost)
        return true;
    if (!baseline || !current)
        return false;
    const double b = *baseline;
    const double c = *current;
    switch (rule) {
        case metric_rule::throughput:
        case metric_rule::capacity:
            return fell_beyond(b, c, threshold);
        case metric_rule::latency:
            return rose_beyond(b, c, threshold) && c - b >= latency_floor_ms * (1 - edge);
        case metric_rule::error_rate:
            return rose_beyond(b, c, threshold) && exceeds(c - b, error_rate_floor);
        case metric_rule::recovery:
            return rose_beyond(b, c, threshold) && exceeds(c - b, recovery_floor_s);
        case metric_rule::informational:
            return false;
    }
    return false;
}

std::optional<double> relative_change(const comparison_row& row) {
    if (!row.baseline || !row.current)
        return std::nullopt;
    if (*row.baseline == 0)
        return *row.current == 0 ? std::optional<double>(0.0) : std::nullopt;
    return (*row.current - *row.baseline) / *row.baseline;
}

comparison compare_summaries(const json& baseline, const json& current, double threshold) {
    comparison out;
    out.threshold = threshold;
    add_run_notes(out, baseline, current);
    add_workloads(out, baseline, current);
    add_row(out, "capacity", "throughput_rps", metric_rule::capacity, capacity_of(baseline),
            capacity_of(current), "none");
    add_faults(out, baseline, current);
    return out;
}

}  // namespace faultline::report
