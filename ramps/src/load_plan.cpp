#include <algorithm>

#include <faultline/ramps/load_plan.hpp>

namespace faultline::ramps {

double level_at(const plan_segment& segment, nanoseconds elapsed) {
    if (elapsed <= nanoseconds::zero() || segment.duration <= nanoseconds::zero())
        return elapsed >= segment.duration ? segment.end_level : segment.start_level;
    if (elapsed >= segment.duration)
        return segment.end_level;
    const double fraction = to_seconds(elapsed) / to_seconds(segment.duration);
    return segment.start_level + (segment.end_level - segment.start_level) * fraction;
}

nanoseconds total_duration(const load_plan& plan) {
    nanoseconds total{};
    for (const auto& segment : plan)
        total += segment.duration;
    return total;
}

std::string shape_problem::text() const {
    return key + " " + message;
}

}  // namespace faultline::ramps
