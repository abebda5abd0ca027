#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/core.h>

#include <faultline/analysis/threshold_judge.hpp>

namespace faultline::analysis {
namespace {

using scenario::comparison;
using scenario::threshold_metric;
using scenario::threshold_spec;

constexpr double epsilon_s = 1e-6;

// A span of buckets [first, last) and how long it lasted.
struct bucket_span {
    std::size_t first = 0;
    std::size_t last = 0;
    double start_s = 0;
    double end_s = 0;
};

double bucket_start(std::span<const double> end_s, std::size_t i) {
    return i == 0 ? 0.0 : end_s[i - 1];
}

bucket_span span_of(std::span<const double> end_s, std::size_t first, std::size_t last) {
    return {first, last, bucket_start(end_s, first), last > first ? end_s[last - 1] : 0.0};
}

std::optional<std::size_t> workload_index(const stats::timeline& t, const threshold_spec& spec) {
    if (!spec.workload)
        return std::nullopt;
    const auto& names = t.workload_names();
    const auto it = std::find(names.begin(), names.end(), *spec.workload);
    if (it == names.end())
        throw std::invalid_argument("no workload named " + *spec.workload);
    return static_cast<std::size_t>(it - names.begin());
}

double seconds(nanoseconds d) {
    return std::chrono::duration<double>(d).count();
}

// The metric over a window in its base unit (seconds, fraction, per second); nullopt when the
// window holds nothing it could be computed from.
std::optional<double> measure(const scenario::threshold_expression& e,
                              const stats::timeline::window& w, double length_s) {
    const auto completed = w.counts.ok() + w.counts.errors();
    switch (e.metric) {
        case threshold_metric::quantile:
            return w.latency.empty() ? std::nullopt
                                     : std::optional(seconds(w.latency.percentile(e.quantile)));
        case threshold_metric::avg:
            return w.latency.empty() ? std::nullopt : std::optional(seconds(w.latency.mean()));
        case threshold_metric::min:
            return w.latency.empty() ? std::nullopt : std::optional(seconds(w.latency.min()));
        case threshold_metric::max:
            return w.latency.empty() ? std::nullopt : std::optional(seconds(w.latency.max()));
        case threshold_metric::error_rate:
            return completed == 0 ? std::nullopt
                                  : std::optional(static_cast<double>(w.counts.errors()) /
                                                  static_cast<double>(completed));
        case threshold_metric::availability:
            return completed == 0 ? std::nullopt
                                  : std::optional(static_cast<double>(w.counts.ok()) /
                                                  static_cast<double>(completed));
        case threshold_metric::throughput:
            return length_s <= 0 ? std::nullopt
                                 : std::optional(static_cast<double>(w.counts.ok()) / length_s);
    }
    return std::nullopt;
}

// True when `a` is further on the failing side of the limit than `b`.
bool worse(const scenario::threshold_expression& e, double a, double b) {
    switch (e.op) {
        case comparison::less:
        case comparison::less_equal:
            return a > b;
        case comparison::greater:
        case comparison::greater_equal:
            return a < b;
        case comparison::equal:
            return std::fabs(a - e.limit) > std::fabs(b - e.limit);
        case comparison::not_equal:
            return std::fabs(a - e.limit) < std::fabs(b - e.limit);
    }
    return false;
}

// A window in which requests were in flight and none completed: the service hung. It violates
// every threshold that bounds latency from above and the error and availability ones.
bool dead_window_violates(const scenario::threshold_expression& e) {
    const bool upper = e.op == comparison::less || e.op == comparison::less_equal;
    switch (e.metric) {
        case threshold_metric::quantile:
        case threshold_metric::avg:
        case threshold_metric::max:
        case threshold_metric::error_rate:
            return upper;
        case threshold_metric::availability:
            return !upper;
        case threshold_metric::min:
        case threshold_metric::throughput:
            return false;
    }
    return false;
}

// The value as reported (ms, ratio, /s) and its unit.
double in_unit(threshold_metric m, double v) {
    return scenario::is_latency(m) ? v * 1000.0 : v;
}

std::string unit_of(threshold_metric m) {
    if (scenario::is_latency(m))
        return "ms";
    return m == threshold_metric::throughput ? "/s" : "ratio";
}

std::string show(threshold_metric m, double v) {
    if (scenario::is_latency(m))
        return fmt::format("{:.3f}ms", v * 1000.0);
    if (m == threshold_metric::throughput)
        return fmt::format("{:.1f}/s", v);
    return fmt::format("{:.3f}%", v * 100.0);
}

struct judged {
    std::optional<double> value;  // base unit
    bool passed = false;
    std::optional<double> at_s;
    std::optional<std::size_t> step;
    std::string where;  // "over the run", "in step 3", ...
};

judged judge_run(const threshold_spec& spec, const threshold_inputs& in,
                 std::optional<std::size_t> w) {
    judged out;
    const auto n = in.timeline.size();
    const auto window = in.timeline.merged(0, n, w);
    const auto span = span_of(in.bucket_end_s, 0, n);
    out.value = measure(spec.expression, window, span.end_s - span.start_s);
    out.passed = out.value && holds(spec.expression, *out.value);
    out.where = "over the run";
    return out;
}

// The buckets of a step's judged window: those inside [end - judged, end].
std::optional<bucket_span> judged_buckets(const report::step_record& s,
                                          std::span<const double> end_s) {
    const double from = s.end_s - s.judged_s;
    std::size_t first = end_s.size();
    std::size_t last = 0;
    for (std::size_t i = 0; i < end_s.size(); ++i) {
        if (bucket_start(end_s, i) + epsilon_s >= from && end_s[i] <= s.end_s + epsilon_s) {
            first = std::min(first, i);
            last = i + 1;
        }
    }
    if (first >= last)
        return std::nullopt;
    return span_of(end_s, first, last);
}

judged judge_steps(const threshold_spec& spec, const threshold_inputs& in,
                   std::optional<std::size_t> w) {
    judged out;
    out.passed = true;
    bool any = false;
    stats::timeline::window window;
    for (const auto& s : in.steps) {
        if (s.interrupted || s.judged_s <= 0)
            continue;
        const auto buckets = judged_buckets(s, in.bucket_end_s);
        if (!buckets)
            continue;
        window.counts = {};
        window.latency.reset();
        in.timeline.merge_into(buckets->first, buckets->last, w, window);
        const auto value = measure(spec.expression, window, buckets->end_s - buckets->start_s);
        if (!value)
            continue;
        any = true;
        // Reported: the worst failing step, or the worst step when none failed.
        const bool failed = !holds(spec.expression, *value);
        const bool had_failure = !out.passed;
        const bool take =
            failed ? !had_failure || worse(spec.expression, *value, *out.value)
                   : !had_failure && (!out.value || worse(spec.expression, *value, *out.value));
        if (take) {
            out.value = value;
            out.step = s.index;
            out.at_s = buckets->start_s;
        }
        out.passed = out.passed && !failed;
    }
    if (!any)
        out.passed = false;
    if (out.passed)
        out.at_s.reset();
    out.where = out.step ? fmt::format("in step {}", *out.step) : "in any step";
    if (out.passed)
        out.step.reset();
    return out;
}

judged judge_windows(const threshold_spec& spec, const threshold_inputs& in,
                     std::optional<std::size_t> w) {
    judged out;
    const auto width = in.timeline.bucket_width();
    const auto per_window = static_cast<std::size_t>(std::max<nanoseconds::rep>(
        1, spec.window.count() / std::max<nanoseconds::rep>(1, width.count())));
    const auto needed = static_cast<std::size_t>(spec.hold_for.count() / width.count()) + 1;
    const auto n = in.timeline.size();
    // Requests in flight when each bucket began: sent before it minus completed before it.
    std::vector<std::uint64_t> in_flight(n + 1, 0);
    {
        std::uint64_t sent = 0;
        std::uint64_t completed = 0;
        for (std::size_t i = 0; i < n; ++i) {
            in_flight[i] = sent - std::min(sent, completed);
            const auto c = w ? in.timeline.counts(i, *w) : in.timeline.merged(i, i + 1, w).counts;
            sent += c.sent;
            completed += c.completed();
        }
    }
    stats::timeline::window window;
    std::size_t run = 0;  // windows in violation in a row
    std::optional<double> run_worst;
    std::optional<double> overall_worst;
    out.passed = true;
    for (std::size_t i = 0; i + per_window <= n; ++i) {
        window.counts = {};
        window.latency.reset();
        in.timeline.merge_into(i, i + per_window, w, window);
        const auto span = span_of(in.bucket_end_s, i, i + per_window);
        const auto value = measure(spec.expression, window, span.end_s - span.start_s);
        const bool dead = window.counts.completed() == 0 && in_flight[i] > 0;
        const bool violated =
            value ? !holds(spec.expression, *value) : dead && dead_window_violates(spec.expression);
        if (value && (!overall_worst || worse(spec.expression, *value, *overall_worst)))
            overall_worst = value;
        if (!violated) {
            run = 0;
            run_worst.reset();
            continue;
        }
        if (run == 0)
            out.at_s = span.start_s;
        ++run;
        if (value && (!run_worst || worse(spec.expression, *value, *run_worst)))
            run_worst = value;
        if (run >= needed) {
            out.passed = false;
            out.value = run_worst;
            out.where = fmt::format("in windows from {:.1f}s", *out.at_s);
            return out;
        }
    }
    out.at_s.reset();
    out.value = overall_worst;
    out.passed = overall_worst.has_value();
    out.where = "in every window";
    return out;
}

report::threshold_result judge_one(const threshold_spec& spec, const threshold_inputs& in) {
    const auto w = workload_index(in.timeline, spec);
    judged j;
    switch (spec.over) {
        case scenario::threshold_scope::run:
            j = judge_run(spec, in, w);
            break;
        case scenario::threshold_scope::step:
            j = judge_steps(spec, in, w);
            break;
        case scenario::threshold_scope::window:
            j = judge_windows(spec, in, w);
            break;
    }
    const auto& e = spec.expression;
    report::threshold_result r;
    r.expr = e.text;
    r.workload = spec.workload;
    r.over = std::string(scenario::to_string(spec.over));
    r.metric = scenario::metric_name(e);
    r.unit = unit_of(e.metric);
    if (j.value)
        r.value = in_unit(e.metric, *j.value);
    r.limit = in_unit(e.metric, e.limit);
    r.passed = j.passed;
    r.at_s = j.at_s;
    r.step = j.step;
    if (spec.over == scenario::threshold_scope::window) {
        r.window_s = seconds(spec.window);
        r.for_s = seconds(spec.hold_for);
    }
    const std::string who = spec.workload ? " (" + *spec.workload + ")" : "";
    if (!j.value) {
        r.message = fmt::format("{}{}: nothing was measured to judge it {}", e.text, who,
                                j.passed ? "" : j.where);
    } else if (spec.over == scenario::threshold_scope::window && !j.passed) {
        r.message = fmt::format("{}{}: violated for {:g}s or more {} (worst {} {})", e.text, who,
                                r.for_s, j.where, r.metric, show(e.metric, *j.value));
    } else {
        r.message = fmt::format("{}{}: {} = {} {}", e.text, who, r.metric, show(e.metric, *j.value),
                                j.where);
    }
    return r;
}

}  // namespace

std::vector<report::threshold_result> judge_thresholds(
    std::span<const scenario::threshold_spec> thresholds, const threshold_inputs& in) {
    std::vector<report::threshold_result> out;
    out.reserve(thresholds.size());
    for (const auto& spec : thresholds)
        out.push_back(judge_one(spec, in));
    return out;
}

void apply_thresholds(report::run_result& r) {
    for (const auto& t : r.thresholds) {
        if (t.passed)
            continue;
        if (r.verdict == report::verdict_kind::pass)
            r.verdict = report::verdict_kind::fail;
        r.reasons.push_back("threshold failed: " + t.message);
    }
}

}  // namespace faultline::analysis
