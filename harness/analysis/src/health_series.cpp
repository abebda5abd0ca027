#include <algorithm>
#include <cmath>

#include <faultline/analysis/health_series.hpp>

namespace faultline::analysis {

double bucket_start(const recording& r, std::size_t i) {
    return i == 0 ? 0.0 : r.bucket_end_s[i - 1];
}

std::vector<faults::health_window> health_windows(const recording& r,
                                                  std::optional<std::size_t> workload,
                                                  std::size_t length, double quantile) {
    std::vector<faults::health_window> out;
    const std::size_t n = std::min(r.timeline.size(), r.bucket_end_s.size());
    stats::timeline::window merged;
    for (std::size_t i = 0; i + length <= n; ++i) {
        merged.counts = {};
        merged.latency.reset();
        r.timeline.merge_into(i, i + length, workload, merged);
        faults::health_window w;
        w.start_s = bucket_start(r, i);
        w.seconds = r.bucket_end_s[i + length - 1] - w.start_s;
        w.ok = merged.counts.ok();
        w.errors = merged.counts.errors();
        w.latency = quantile >= 100 ? merged.latency.max() : merged.latency.percentile(quantile);
        out.push_back(w);
    }
    return out;
}

std::vector<faults::bucket_errors> errors_by_bucket(const recording& r,
                                                    std::optional<std::size_t> workload) {
    std::vector<faults::bucket_errors> out;
    const std::size_t n = std::min(r.timeline.size(), r.bucket_end_s.size());
    for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t errors = 0;
        for (std::size_t w = 0; w < r.timeline.workload_names().size(); ++w) {
            if (!workload || *workload == w)
                errors += r.timeline.counts(i, w).errors();
        }
        out.push_back({bucket_start(r, i), errors});
    }
    return out;
}

std::size_t window_buckets(const faults::slo& slo) {
    return static_cast<std::size_t>(
        std::max<std::int64_t>(1, std::llround(to_seconds(slo.window) * 10)));
}

}  // namespace faultline::analysis
