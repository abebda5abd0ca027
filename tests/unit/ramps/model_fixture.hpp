#pragma once
/// Builds model steps for the capacity-model tests.
#include <faultline/core/clock.hpp>
#include <faultline/ramps/capacity_model.hpp>

namespace faultline::ramps::test {

/// A step at `level` with `throughput` successful req/s (all completions succeeded) and `mean`
/// latency; passed and not generator bound unless told.
inline model_step make_step(double level, double throughput, nanoseconds mean = nanoseconds{0},
                            bool passed = true, bool generator_bound = false) {
    model_step s;
    s.numbers.level = level;
    s.numbers.offered_rps = throughput;
    s.numbers.throughput_rps = throughput;
    s.numbers.achieved_rps = throughput;
    s.numbers.mean = mean;
    s.numbers.p99 = mean * 3;
    s.numbers.completed = 1000;
    s.numbers.generator_bound = generator_bound;
    s.passed = passed;
    return s;
}

}  // namespace faultline::ramps::test
