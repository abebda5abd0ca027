#pragma once
// Seeded latency samples for the stats tests, from several distributions.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <faultline/core/clock.hpp>

namespace faultline::stats::test {

enum class shape {
    log_uniform_1us_10s,
    uniform_5ms,
    normal_2ms,
    log_normal_2ms,
    exponential_1ms,
    below_2us
};

inline std::string name_of(shape s) {
    switch (s) {
        case shape::log_uniform_1us_10s:
            return "log-uniform 1us..10s";
        case shape::uniform_5ms:
            return "uniform 0..5ms";
        case shape::normal_2ms:
            return "normal 2ms +- 0.3ms";
        case shape::log_normal_2ms:
            return "log-normal around 2ms";
        case shape::exponential_1ms:
            return "exponential mean 1ms";
        case shape::below_2us:
            return "uniform 0..2us";
    }
    return "?";
}

// `n` values of the given shape, drawn from `rng`.
inline std::vector<nanoseconds> draw(shape s, std::size_t n, std::mt19937_64& rng) {
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::exponential_distribution<double> exponential(1.0);
    std::vector<nanoseconds> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        double ns = 0;
        switch (s) {
            case shape::log_uniform_1us_10s:
                ns = 1e3 * std::pow(1e7, unit(rng));
                break;
            case shape::uniform_5ms:
                ns = 5e6 * unit(rng);
                break;
            case shape::normal_2ms:
                ns = std::max(0.0, 2e6 + 3e5 * normal(rng));
                break;
            case shape::log_normal_2ms:
                ns = 2e6 * std::exp(0.5 * normal(rng));
                break;
            case shape::exponential_1ms:
                ns = 1e6 * exponential(rng);
                break;
            case shape::below_2us:
                ns = 2e3 * unit(rng);
                break;
        }
        out.emplace_back(static_cast<nanoseconds::rep>(ns));
    }
    return out;
}

}  // namespace faultline::stats::test
