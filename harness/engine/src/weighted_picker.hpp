#pragma once
// Picks a workload index with probability proportional to its weight.
#include <algorithm>
#include <random>
#include <vector>

namespace faultline::engine {

class weighted_picker {
public:
    explicit weighted_picker(const std::vector<double>& weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
            cumulative_.push_back(sum);
        }
        total_ = sum;
    }

    template <class Rng>
    std::size_t pick(Rng& rng) const {
        if (cumulative_.size() == 1)
            return 0;
        std::uniform_real_distribution<double> dist(0.0, total_);
        double draw = dist(rng);
        auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), draw);
        if (it == cumulative_.end())
            --it;
        return static_cast<std::size_t>(it - cumulative_.begin());
    }

private:
    std::vector<double> cumulative_;
    double total_ = 0;
};

}  // namespace faultline::engine
