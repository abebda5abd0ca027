#pragma once
/// The knee of the throughput curve: where added load stops buying throughput. One rule, used
/// both by the step judge's "knee" criterion and by the capacity model's report.
#include <cstddef>
#include <optional>
#include <span>

#include <faultline/ramps/capacity_model.hpp>
#include <faultline/ramps/step_judge.hpp>

namespace faultline::ramps {

/// The knee is judged only where the load grew by at least this fraction (10 %): less growth is
/// within the noise of a step's throughput.
inline constexpr double knee_min_load_growth = 0.10;

/// How one step grew over the step before it, as fractions (0.25 = +25 %, -0.1 = -10 %).
struct step_growth {
    double load = 0;        ///< level / previous level - 1
    double throughput = 0;  ///< throughput_rps / previous throughput_rps - 1
};

/// The growth of `step` over `previous`; nullopt when `previous` has no positive level or no
/// positive throughput (there is nothing to grow from).
std::optional<step_growth> growth_over(const step_numbers& previous, const step_numbers& step);

/// True when the curve bent: load grew by at least knee_min_load_growth while successful
/// throughput grew by less than `knee` (a fraction, e.g. 0.05). Both comparisons allow 1e-9 of
/// rounding, so 10 → 11 users is 10 % growth and 4000 → 4200 req/s is not less than 5 %.
bool bends(const step_growth& growth, double knee);

/// The knee of a ramp: the last step on the straight part of the throughput curve.
struct knee_point {
    std::size_t step = 0;       ///< index (into the steps given) of the last straight step
    double level = 0;           ///< its level
    double throughput_rps = 0;  ///< its successful throughput
    step_growth growth;         ///< the growth of step + 1 over it, which bent the curve
};

/// Walks consecutive steps in ramp order and returns the first i where step i + 1 bends over
/// step i (see bends()). Pairs where either step is generator bound are skipped: the generator's
/// ceiling is not the target's knee. Verdicts (passed) do not matter: the bending step itself
/// usually trips "knee". nullopt when the curve never bends.
std::optional<knee_point> find_knee(std::span<const model_step> steps, double knee);

}  // namespace faultline::ramps
