#include <faultline/analysis/recording.hpp>

namespace faultline::analysis {

void recording::add(const stats::interval_snapshot& interval, double end_s) {
    if (phases.size() < interval.workloads.size())
        phases.resize(interval.workloads.size());
    for (std::size_t i = 0; i < interval.workloads.size(); ++i) {
        totals.merge(interval.workloads[i].counts);
        stats::merge_phases(phases[i], interval.workloads[i].phases);
    }
    timeline.append(interval);
    bucket_end_s.push_back(end_s);
}

}  // namespace faultline::analysis
