#include <algorithm>

#include <faultline/ramps/littles_law.hpp>

namespace faultline::ramps {

std::optional<littles_law_check> check_littles_law(const step_numbers& step, nanoseconds think_time,
                                                   double tolerance) {
    const double rate = step.achieved_rps > 0 ? step.achieved_rps : step.throughput_rps;
    if (!(step.level > 0) || !(rate > 0) || step.mean <= nanoseconds{0})
        return std::nullopt;
    const double accounted = rate * to_seconds(step.mean + std::max(think_time, nanoseconds{0}));
    const double ratio = step.level / accounted;
    return littles_law_check{accounted, ratio, ratio > 1 + tolerance};
}

}  // namespace faultline::ramps
