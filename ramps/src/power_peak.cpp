#include <faultline/ramps/power_peak.hpp>

namespace faultline::ramps {

std::optional<double> power_of(const step_numbers& step) {
    if (step.mean <= nanoseconds{0})
        return std::nullopt;
    return step.throughput_rps / to_seconds(step.mean);
}

std::optional<power_peak> find_power_peak(std::span<const model_step> steps) {
    std::optional<power_peak> best;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto& s = steps[i].numbers;
        if (s.generator_bound)
            continue;
        const auto power = power_of(s);
        if (power && (!best || *power > best->power))
            best = power_peak{i, s.level, *power};
    }
    return best;
}

}  // namespace faultline::ramps
