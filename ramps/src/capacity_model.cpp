#include <algorithm>

#include <faultline/ramps/capacity_model.hpp>

namespace faultline::ramps {

std::vector<model_step> model_steps(const std::vector<step_numbers>& steps,
                                    const std::vector<std::vector<trip>>& tripped) {
    const std::size_t n = std::min(steps.size(), tripped.size());
    std::vector<model_step> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(model_step{steps[i], tripped[i].empty()});
    return out;
}

}  // namespace faultline::ramps
