#include <faultline/ramps/step_judge.hpp>

namespace faultline::ramps {

namespace {
// The knee is only judged where the load really grew: less growth is within noise.
constexpr double knee_min_load_growth = 0.10;
}  // namespace

std::vector<std::string> tripped_criteria(const step_numbers& step, const criteria& c,
                                          const step_numbers* previous) {
    std::vector<std::string> tripped;
    if (c.error_rate && (step.error_rate > *c.error_rate || step.completed == 0)) {
        tripped.emplace_back("error_rate");
    }
    if (c.p99 && step.p99 > *c.p99)
        tripped.emplace_back("p99");
    if (c.knee && previous != nullptr && previous->throughput_rps > 0 && previous->level > 0 &&
        step.level >= previous->level * (1 + knee_min_load_growth) &&
        step.throughput_rps < previous->throughput_rps * (1 + *c.knee)) {
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
