#pragma once
/// Drift over a soak: the least-squares slope of a series over time, and whether it is large and
/// clear enough to call a suspected leak or degradation. Pure functions of numbers.
#include <cstddef>
#include <optional>
#include <vector>

namespace faultline::faults {

/// Which way a series gets worse.
enum class worse_when { rising, falling };

/// A line fitted through (t, y): y ≈ intercept + slope × t.
struct drift {
    std::size_t samples = 0;
    double slope_per_s = 0;
    double first = 0;            ///< the fitted value at the first sample
    double last = 0;             ///< the fitted value at the last sample
    double relative_change = 0;  ///< (last - first) / |first| (0 when first is 0 and last too)
    double r2 = 0;               ///< share of the variance the line explains
    double t_stat = 0;           ///< slope / its standard error (infinite for a perfect line)
    bool significant = false;    ///< see fit_drift
};

/// When a drift counts as significant: at least `min_samples` samples, a slope at least
/// `min_t` standard errors from zero, and a fitted change of at least `min_change` (a fraction
/// of the first fitted value) and at least `min_absolute` (in the series' unit) in the direction
/// that is worse.
struct drift_rule {
    double min_change = 0.1;
    worse_when worse = worse_when::rising;
    double min_absolute = 0;
    double min_t = 4;
    std::size_t min_samples = 10;
};

/// The line through (t[i], y[i]); nullopt with fewer than 3 samples, sizes that differ, or all t
/// equal.
std::optional<drift> fit_drift(const std::vector<double>& t, const std::vector<double>& y,
                               const drift_rule& rule);

}  // namespace faultline::faults
