#include <cmath>

#include <faultline/ramps/step_plan.hpp>

namespace faultline::ramps {

std::vector<planned_step> plan_steps(const step_config& config) {
    constexpr std::size_t max_steps = 10'000;
    std::vector<planned_step> steps;
    auto add = [&](double level) {
        if (config.whole_levels)
            level = std::round(level);
        if (!steps.empty() && level <= steps.back().level)
            return;  // rounding made no progress
        steps.push_back(planned_step{steps.size(), level, config.step_duration, config.warmup});
    };
    const bool additive = config.step > 0;
    if (!additive && config.factor <= 1)
        return steps;
    double level = config.start;
    while (level < config.max - 1e-9 && steps.size() < max_steps) {
        add(level);
        double next = additive ? level + config.step : level * config.factor;
        // Whole levels must grow by at least one user per step even for small factors.
        if (config.whole_levels && std::round(next) <= std::round(level))
            next = std::round(level) + 1;
        level = next;
    }
    if (steps.size() < max_steps)
        add(config.max);
    return steps;
}

}  // namespace faultline::ramps
