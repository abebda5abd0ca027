#include <faultline/ramps/knee.hpp>
#include <faultline/ramps/step_judge.hpp>

namespace faultline::ramps {

std::vector<std::string> tripped_criteria(const step_numbers& step, const criteria& c,
                                          const step_numbers* previous) {
    std::vector<std::string> tripped;
    if (c.error_rate && (step.error_rate > *c.error_rate || step.completed == 0)) {
        tripped.emplace_back("error_rate");
    }
    if (c.p99 && step.p99 > *c.p99)
        tripped.emplace_back("p99");
    if (c.knee && previous != nullptr) {
        const auto growth = growth_over(*previous, step);
        if (growth && bends(*growth, *c.knee))
            tripped.emplace_back("knee");
    }
    if (c.min_attainment && step.offered_rps > 0) {
        if (step.achieved_rps < *c.min_attainment * step.offered_rps) {
            tripped.emplace_back("attainment");
        }
    }
    return tripped;
}

breaking_point find_breaking_point(const std::vector<step_numbers>& steps,
                                   const std::vector<std::vector<std::string>>& tripped) {
    breaking_point result;
    for (std::size_t i = 0; i < steps.size() && i < tripped.size(); ++i) {
        if (tripped[i].empty()) {
            result.capacity = capacity_point{steps[i].level, steps[i].throughput_rps};
            continue;
        }
        result.step = i;
        result.level = steps[i].level;
        result.criterion = tripped[i].front();
        if (steps[i].generator_bound) {
            result.generator_bound = true;
        } else {
            result.found = true;
        }
        return result;
    }
    return result;
}

}  // namespace faultline::ramps
