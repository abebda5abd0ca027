#include <faultline/analysis/recording.hpp>

namespace faultline::analysis {

void recording::add(const stats::interval_snapshot& interval, double end_s) {
    for (const auto& w : interval.workloads)
        totals.merge(w.counts);
    timeline.append(interval);
    bucket_end_s.push_back(end_s);
}

}  // namespace faultline::analysis
