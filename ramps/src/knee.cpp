#include <faultline/ramps/knee.hpp>

namespace faultline::ramps {

namespace {
// Growth is a ratio of doubles: 11 / 10 - 1 may land a hair either side of 0.1.
constexpr double rounding = 1e-9;
}  // namespace

std::optional<step_growth> growth_over(const step_numbers& previous, const step_numbers& step) {
    if (!(previous.level > 0) || !(previous.throughput_rps > 0))
        return std::nullopt;
    return step_growth{step.level / previous.level - 1,
                       step.throughput_rps / previous.throughput_rps - 1};
}

bool bends(const step_growth& growth, double knee) {
    return growth.load >= knee_min_load_growth - rounding && growth.throughput < knee - rounding;
}

std::optional<knee_point> find_knee(std::span<const model_step> steps, double knee) {
    for (std::size_t i = 0; i + 1 < steps.size(); ++i) {
        const auto& before = steps[i].numbers;
        const auto& after = steps[i + 1].numbers;
        if (before.generator_bound || after.generator_bound)
            continue;
        const auto growth = growth_over(before, after);
        if (growth && bends(*growth, knee))
            return knee_point{i, before.level, before.throughput_rps, *growth};
    }
    return std::nullopt;
}

}  // namespace faultline::ramps
