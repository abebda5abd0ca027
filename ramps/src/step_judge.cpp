#include <faultline/ramps/knee.hpp>
#include <faultline/ramps/step_judge.hpp>

namespace faultline::ramps {

std::optional<trip> knee_trip(const step_numbers& step, const criteria& c,
                              const step_numbers* previous) {
    if (!c.knee || previous == nullptr)
        return std::nullopt;
    const auto growth = growth_over(*previous, step);
    if (!growth || !bends(*growth, *c.knee))
        return std::nullopt;
    return trip{"knee", growth->throughput, *c.knee, trip_unit::fraction, std::nullopt};
}

breaking_point find_breaking_point(const std::vector<step_numbers>& steps,
                                   const std::vector<std::vector<trip>>& tripped) {
    breaking_point result;
    for (std::size_t i = 0; i < steps.size() && i < tripped.size(); ++i) {
        if (tripped[i].empty()) {
            result.capacity = capacity_point{steps[i].level, steps[i].throughput_rps};
            continue;
        }
        result.step = i;
        result.level = steps[i].level;
        result.criterion = tripped[i].front().criterion;
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
