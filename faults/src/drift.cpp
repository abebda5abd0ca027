#include <cmath>
#include <limits>

#include <faultline/faults/drift.hpp>

namespace faultline::faults {

std::optional<drift> fit_drift(const std::vector<double>& t, const std::vector<double>& y,
                               const drift_rule& rule) {
    const std::size_t n = t.size();
    if (n < 3 || y.size() != n)
        return std::nullopt;
    double mean_t = 0;
    double mean_y = 0;
    for (std::size_t i = 0; i < n; ++i) {
        mean_t += t[i];
        mean_y += y[i];
    }
    mean_t /= static_cast<double>(n);
    mean_y /= static_cast<double>(n);
    double stt = 0;
    double sty = 0;
    double syy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        stt += (t[i] - mean_t) * (t[i] - mean_t);
        sty += (t[i] - mean_t) * (y[i] - mean_y);
        syy += (y[i] - mean_y) * (y[i] - mean_y);
    }
    if (stt <= 0)
        return std::nullopt;
    drift d;
    d.samples = n;
    d.slope_per_s = sty / stt;
    const double intercept = mean_y - d.slope_per_s * mean_t;
    d.first = intercept + d.slope_per_s * t.front();
    d.last = intercept + d.slope_per_s * t.back();
    const double change = d.last - d.first;
    d.relative_change = d.first != 0 ? change / std::abs(d.first)
                        : change == 0
                            ? 0.0
                            : std::copysign(std::numeric_limits<double>::infinity(), change);
    const double residual = std::max(0.0, syy - d.slope_per_s * sty);
    d.r2 = syy > 0 ? 1 - residual / syy : 1.0;
    const double standard_error = std::sqrt(residual / static_cast<double>(n - 2) / stt);
    d.t_stat = standard_error > 0 ? d.slope_per_s / standard_error
               : d.slope_per_s == 0
                   ? 0.0
                   : std::copysign(std::numeric_limits<double>::infinity(), d.slope_per_s);
    const double worse_change =
        rule.worse == worse_when::rising ? d.relative_change : -d.relative_change;
    const double worse_t = rule.worse == worse_when::rising ? d.t_stat : -d.t_stat;
    const double worse_absolute = rule.worse == worse_when::rising ? change : -change;
    d.significant = n >= rule.min_samples && worse_t >= rule.min_t &&
                    worse_change >= rule.min_change && worse_absolute >= rule.min_absolute;
    return d;
}

}  // namespace faultline::faults
