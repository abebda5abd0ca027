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

/// The open model's mix: a smooth weighted round robin (as nginx balances upstreams), so each
/// workload gets exactly its share of the arrivals, evenly spread. A random pick would make each
/// workload's rate noisy (a 150/s share of 300/s wanders by ±9 in a second), and a steady-state
/// judgement of one workload's throughput would see that noise as trouble.
class smooth_weighted_picker {
public:
    explicit smooth_weighted_picker(const std::vector<double>& weights)
        : weights_(weights), current_(weights.size(), 0.0) {
        for (double w : weights)
            total_ += w;
    }

    std::size_t pick() noexcept {
        std::size_t best = 0;
        for (std::size_t i = 0; i < weights_.size(); ++i) {
            current_[i] += weights_[i];
            if (current_[i] > current_[best])
                best = i;
        }
        current_[best] -= total_;
        return best;
    }

private:
    std::vector<double> weights_;
    std::vector<double> current_;
    double total_ = 0;
};

}  // namespace faultline::engine
