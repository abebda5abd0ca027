#include <cmath>

#include <faultline/faults/recovery.hpp>

namespace faultline::faults {
namespace {

constexpr double epsilon = 1e-6;  // seconds: bucket times are sums of doubles

// Index of the first window starting at or after `t`.
std::size_t first_from(const std::vector<health_window>& windows, double t) {
    std::size_t i = 0;
    while (i < windows.size() && windows[i].start_s < t - epsilon)
        ++i;
    return i;
}

// The first i >= from where windows i and i + 1 are both unhealthy.
std::optional<std::size_t> first_unhealthy_pair(const std::vector<bool>& healthy,
                                                std::size_t from) {
    for (std::size_t i = from; i + 1 < healthy.size(); ++i) {
        if (!healthy[i] && !healthy[i + 1])
            return i;
    }
    return std::nullopt;
}

// The baseline's throughput: the mean over the windows wholly inside it; `inside` counts them.
double baseline_rate(const std::vector<health_window>& windows, span baseline,
                     std::size_t& inside) {
    double rate_sum = 0;
    inside = 0;
    for (const auto& w : windows) {
        if (w.start_s >= baseline.start_s - epsilon &&
            w.start_s + w.seconds <= baseline.end_s + epsilon && w.seconds > 0) {
            rate_sum += static_cast<double>(w.ok) / w.seconds;
            ++inside;
        }
    }
    return inside > 0 ? rate_sum / static_cast<double>(inside) : 0.0;
}

// Healthy when it holds a window and never two unhealthy windows in a row.
bool baseline_held(const std::vector<health_window>& windows, const std::vector<bool>& ok,
                   span baseline, std::size_t inside) {
    for (std::size_t i = 0; i + 1 < windows.size(); ++i) {
        const bool in_baseline =
            windows[i + 1].start_s + windows[i + 1].seconds <= baseline.end_s + epsilon &&
            windows[i].start_s >= baseline.start_s - epsilon;
        if (in_baseline && !ok[i] && !ok[i + 1])
            return false;
    }
    return inside > 0;
}

std::optional<double> impact_of(const std::vector<bucket_errors>& buckets, span disruption) {
    for (const auto& b : buckets) {
        if (b.start_s >= disruption.start_s - epsilon && b.errors > 0)
            return std::max(0.0, b.start_s - disruption.start_s);
    }
    return std::nullopt;
}

// The first run of healthy windows from `from` whose starts span stable_for: its first window.
std::optional<std::size_t> recovery_point(const std::vector<bool>& ok, std::size_t from,
                                          const slo& s, double step) {
    const auto needed =
        static_cast<std::size_t>(std::llround(to_seconds(s.stable_for) / std::max(step, epsilon))) +
        1;
    std::size_t run = 0;
    for (std::size_t i = from; i < ok.size(); ++i) {
        run = ok[i] ? run + 1 : 0;
        if (run == needed)
            return i + 1 - needed;
    }
    return std::nullopt;
}

// The outage: from the last bucket of the first unhealthy window when the window before it
// was healthy (the trouble began in that bucket), else from the window's start, to the
// recovery (or the end of the last bucket); and the requests lost in it.
void measure_outage(const std::vector<health_window>& windows, const std::vector<bool>& ok,
                    const std::vector<bucket_errors>& buckets, std::size_t detected,
                    std::optional<std::size_t> recovered_at, double step, recovery& r) {
    const auto& first = windows[detected];
    const bool began_inside = detected > 0 && ok[detected - 1];
    const double from = began_inside ? first.start_s + first.seconds - step : first.start_s;
    const double to = recovered_at ? windows[*recovered_at].start_s
                                   : (buckets.empty() ? from : buckets.back().start_s + step);
    r.outage_s = std::max(0.0, to - from);
    for (const auto& b : buckets) {
        if (b.start_s >= from - epsilon && b.start_s < to - epsilon)
            r.lost += b.errors;
    }
}

// After the disruption, each return to two unhealthy windows that follows a healthy window.
unsigned relapses_of(const std::vector<bool>& ok, std::size_t from) {
    unsigned relapses = 0;
    bool seen_healthy = false;
    for (std::size_t i = from; i < ok.size(); ++i) {
        if (ok[i]) {
            seen_healthy = true;
        } else if (seen_healthy && i + 1 < ok.size() && !ok[i + 1]) {
            ++relapses;
            seen_healthy = false;
        }
    }
    return relapses;
}

}  // namespace

recovery analyse_recovery(const std::vector<health_window>& windows,
                          const std::vector<bucket_errors>& buckets, const slo& s, span baseline,
                          span disruption) {
    recovery r;
    std::size_t inside = 0;
    r.baseline_rps = baseline_rate(windows, baseline, inside);
    std::vector<bool> ok(windows.size());
    for (std::size_t i = 0; i < windows.size(); ++i)
        ok[i] = healthy(windows[i], s, r.baseline_rps);
    r.baseline_healthy = baseline_held(windows, ok, baseline, inside);
    r.time_to_impact_s = impact_of(buckets, disruption);

    // Detected when the second of two unhealthy windows in a row is complete: what a monitor
    // judging windows of this length at every bucket would see.
    const double step =
        windows.size() >= 2 ? windows[1].start_s - windows[0].start_s : to_seconds(s.window);
    const auto detected = first_unhealthy_pair(ok, first_from(windows, disruption.start_s));
    if (detected) {
        const auto& second = windows[*detected + 1];
        r.time_to_detect_s = second.start_s + second.seconds - disruption.start_s;
    }
    const std::size_t after_end = first_from(windows, disruption.end_s);
    const auto recovered_at = recovery_point(ok, after_end, s, step);
    if (recovered_at) {
        r.recovered = true;
        r.time_to_recover_s = windows[*recovered_at].start_s - disruption.end_s;
    }
    if (detected)
        measure_outage(windows, ok, buckets, *detected, recovered_at, step, r);
    r.relapses = relapses_of(ok, after_end);
    return r;
}

}  // namespace faultline::faults
