#pragma once
/// Gunther's Universal Scalability Law fitted to a ramp's clean steps:
///
///     X(N) = λ·N / (1 + σ·(N − 1) + κ·N·(N − 1))
///
/// N = level, X = successful throughput. λ is the throughput of one user without contention,
/// σ the serialised fraction (contention), κ the cost of keeping N copies coherent (crosstalk).
/// With κ > 0 throughput peaks at N* = sqrt((1 − σ) / κ) and then falls (retrograde scaling).
#include <cstddef>
#include <optional>
#include <span>
#include <string>

#include <faultline/core/expected.hpp>
#include <faultline/ramps/capacity_model.hpp>

namespace faultline::ramps {

/// The fit needs at least this many clean steps (three parameters, plus one to judge the fit).
inline constexpr std::size_t usl_min_steps = 4;

/// A fitted Universal Scalability Law.
struct usl_fit {
    double lambda = 0;  ///< throughput of one user, req/s (> 0)
    double sigma = 0;   ///< contention (>= 0)
    double kappa = 0;   ///< coherency (>= 0)
    /// The level where the model's throughput peaks: max(1, sqrt((1 − σ) / κ)) when κ > 0 and
    /// σ < 1; 1 when σ >= 1 (more users never add throughput); nullopt when κ = 0 and σ < 1
    /// (throughput grows without a peak, towards λ/σ). May lie far beyond the measured levels.
    std::optional<double> peak_level;
    std::optional<double> peak_throughput_rps;  ///< X(peak_level), when there is a peak
    double r_squared = 0;   ///< 1 − SSE/SST of throughput over the fitted steps (<= 1)
    std::size_t steps = 0;  ///< number of steps fitted

    /// The model's throughput at `level` (>= 1), req/s.
    double throughput_at(double level) const noexcept;
};

/// Fits the USL by constrained least squares on throughput (σ, κ >= 0) over the clean steps
/// (passed, not generator bound) whose level is >= 1 and throughput > 0. The error (a sentence)
/// when fewer than usl_min_steps such steps exist or they span fewer than 3 distinct levels.
/// Deterministic; costs a few hundred evaluations of the model per step.
expected<usl_fit, std::string> fit_usl(std::span<const model_step> steps);

}  // namespace faultline::ramps
