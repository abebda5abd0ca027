#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include <faultline/ramps/usl_fit.hpp>

namespace faultline::ramps {

/*
 * Fitting method: constrained least squares on throughput, residuals r_i = X_i − X(N_i; λ, σ, κ).
 *
 * 1. Start from Gunther's linearisation. N/X(N) is a quadratic in N:
 *        N/X = a + b·N + c·N²   with 1/λ = a + b + c,  σ = (b + c)·λ,  κ = c·λ
 *    An ordinary quadratic fit of N/X on N (N scaled by its maximum) gives (λ, σ, κ) in one
 *    solve. It weights the points badly (small X dominate), so it is only the start.
 * 2. Refine with Levenberg-Marquardt on the three parameters with the analytic Jacobian
 *        ∂X/∂λ = N/D,  ∂X/∂σ = −λN(N−1)/D²,  ∂X/∂κ = −λN²(N−1)/D²,  D = 1 + σ(N−1) + κN(N−1)
 *    in Marquardt's scaling (damping μ·diag(JᵀJ)), which copes with κ being ~1e4 times smaller
 *    than σ. A step that leaves σ or κ below 0 is clipped to 0.
 * 3. The bounds σ, κ >= 0 by an active set: fit the four models {λ}, {λ,σ}, {λ,κ}, {λ,σ,κ}
 *    (the others held at 0) and keep the one with the least SSE. A richer model must beat a
 *    simpler one by 1e-9 of the total sum of squares, so an exactly linear series comes out with
 *    σ = κ = 0 instead of a κ of 1e-17 and a peak at a billion users.
 *
 *        X │            . · ˙ ˙ ˙ · .        peak at N* = sqrt((1 − σ)/κ)
 *          │       . ˙                ˙ .
 *          │   . ˙                        ˙ .
 *          │ .˙  slope λ
 *          └────────────────────────────────── N
 */

namespace {

struct point {
    double n = 0;
    double x = 0;
};

using vec3 = std::array<double, 3>;  // λ, σ, κ
using mat3 = std::array<vec3, 3>;
using mask3 = std::array<bool, 3>;  // which of λ, σ, κ are free

double denominator(const vec3& p, double n) {
    return 1 + p[1] * (n - 1) + p[2] * n * (n - 1);
}

double model(const vec3& p, double n) {
    return p[0] * n / denominator(p, n);
}

double sum_of_squares(std::span<const point> pts, const vec3& p) {
    double sum = 0;
    for (const auto& pt : pts) {
        const double r = pt.x - model(p, pt.n);
        sum += r * r;
    }
    return sum;
}

// Solves a·x = b over the free indices by Gaussian elimination with partial pivoting; the fixed
// components of x are 0. nullopt when the system is singular.
std::optional<vec3> solve(const mat3& a, const vec3& b, const mask3& free) {
    std::array<std::size_t, 3> idx{};
    std::size_t k = 0;
    for (std::size_t i = 0; i < 3; ++i) {
        if (free[i])
            idx[k++] = i;
    }
    std::array<std::array<double, 4>, 3> m{};
    for (std::size_t r = 0; r < k; ++r) {
        for (std::size_t c = 0; c < k; ++c)
            m[r][c] = a[idx[r]][idx[c]];
        m[r][3] = b[idx[r]];
    }
    for (std::size_t col = 0; col < k; ++col) {
        std::size_t pivot = col;
        for (std::size_t r = col + 1; r < k; ++r) {
            if (std::abs(m[r][col]) > std::abs(m[pivot][col]))
                pivot = r;
        }
        if (!(std::abs(m[pivot][col]) > 1e-300))
            return std::nullopt;
        std::swap(m[col], m[pivot]);
        for (std::size_t r = col + 1; r < k; ++r) {
            const double f = m[r][col] / m[col][col];
            for (std::size_t c = col; c < 4; ++c)
                m[r][c] -= f * m[col][c];
        }
    }
    vec3 x{};
    for (std::size_t r = k; r-- > 0;) {
        double v = m[r][3];
        for (std::size_t c = r + 1; c < k; ++c)
            v -= m[r][c] * x[idx[c]];
        x[idx[r]] = v / m[r][r];
    }
    return x;
}

// Step 1 of the method; falls back to (max X/N, 0, 0) when the quadratic is unusable.
vec3 linearised_start(std::span<const point> pts) {
    double scale = 0;
    double best_slope = 0;
    for (const auto& pt : pts) {
        scale = std::max(scale, pt.n);
        best_slope = std::max(best_slope, pt.x / pt.n);
    }
    vec3 start{best_slope, 0, 0};
    mat3 a{};
    vec3 b{};
    for (const auto& pt : pts) {
        const double t = pt.n / scale;
        const vec3 phi{1, t, t * t};
        for (std::size_t i = 0; i < 3; ++i) {
            for (std::size_t j = 0; j < 3; ++j)
                a[i][j] += phi[i] * phi[j];
            b[i] += phi[i] * pt.n / pt.x;
        }
    }
    const auto coef = solve(a, b, mask3{true, true, true});
    if (!coef)
        return start;
    const double qa = (*coef)[0];
    const double qb = (*coef)[1] / scale;
    const double qc = (*coef)[2] / (scale * scale);
    const double inverse_lambda = qa + qb + qc;
    if (!(inverse_lambda > 0))
        return start;
    const double lambda = 1 / inverse_lambda;
    return vec3{lambda, std::max(0.0, (qb + qc) * lambda), std::max(0.0, qc * lambda)};
}

// For fixed σ and κ the model is linear in λ: its least-squares value in closed form.
double best_lambda(std::span<const point> pts, const vec3& p) {
    double xg = 0;
    double gg = 0;
    for (const auto& pt : pts) {
        const double g = pt.n / denominator(p, pt.n);
        xg += pt.x * g;
        gg += g * g;
    }
    return gg > 0 ? xg / gg : p[0];
}

struct candidate {
    vec3 p{};
    double sse = 0;
};

// The normal equations JᵀJ·δ = Jᵀr of the current point, in Marquardt's scaling: the returned
// matrix has a unit diagonal (columns divided by `scale`), so damping is μ·I.
void normal_equations(std::span<const point> pts, const vec3& p, mat3& a, vec3& g, vec3& scale) {
    a = mat3{};
    g = vec3{};
    for (const auto& pt : pts) {
        const double d = denominator(p, pt.n);
        const double r = pt.x - p[0] * pt.n / d;
        const double q = -p[0] * pt.n * (pt.n - 1) / (d * d);
        const vec3 j{pt.n / d, q, q * pt.n};
        for (std::size_t i = 0; i < 3; ++i) {
            for (std::size_t k = 0; k < 3; ++k)
                a[i][k] += j[i] * j[k];
            g[i] += j[i] * r;
        }
    }
    for (std::size_t i = 0; i < 3; ++i)
        scale[i] = a[i][i] > 0 ? std::sqrt(a[i][i]) : 1;
    for (std::size_t i = 0; i < 3; ++i) {
        for (std::size_t k = 0; k < 3; ++k)
            a[i][k] /= scale[i] * scale[k];
        g[i] /= scale[i];
    }
}

// Step 2 of the method over the free parameters of `free`, from `p`.
candidate levenberg_marquardt(std::span<const point> pts, vec3 p, const mask3& free) {
    constexpr int max_iterations = 500;
    double cost = sum_of_squares(pts, p);
    double mu = 1e-3;
    for (int iteration = 0; iteration < max_iterations && mu < 1e12; ++iteration) {
        mat3 a{};
        vec3 g{};
        vec3 scale{};
        normal_equations(pts, p, a, g, scale);
        for (std::size_t i = 0; i < 3; ++i)
            a[i][i] += mu;
        const auto step = solve(a, g, free);
        if (!step) {
            mu *= 10;
            continue;
        }
        vec3 next{};
        for (std::size_t i = 0; i < 3; ++i)
            next[i] = p[i] + (*step)[i] / scale[i];
        next[1] = std::max(0.0, next[1]);
        next[2] = std::max(0.0, next[2]);
        const double next_cost = next[0] > 0 ? sum_of_squares(pts, next) : cost;
        if (!(next_cost < cost)) {
            mu *= 10;
            continue;
        }
        const bool converged = cost - next_cost <= 1e-15 * cost;
        p = next;
        cost = next_cost;
        mu = std::max(mu / 10, 1e-12);
        if (converged)
            break;
    }
    return candidate{p, cost};
}

// Step 3 of the method.
candidate constrained_fit(std::span<const point> pts, double total_squares) {
    const vec3 start = linearised_start(pts);
    constexpr std::array<mask3, 4> models{{
        {true, false, false},
        {true, true, false},
        {true, false, true},
        {true, true, true},
    }};
    std::optional<candidate> best;
    for (const auto& free : models) {
        vec3 p{start[0], free[1] ? start[1] : 0.0, free[2] ? start[2] : 0.0};
        p[0] = best_lambda(pts, p);
        const auto fitted = levenberg_marquardt(pts, p, free);
        if (!best || fitted.sse < best->sse - 1e-9 * total_squares)
            best = fitted;
    }
    return *best;
}

void set_peak(usl_fit& fit) {
    if (fit.sigma >= 1) {
        fit.peak_level = 1.0;
    } else if (fit.kappa > 0) {
        fit.peak_level = std::max(1.0, std::sqrt((1 - fit.sigma) / fit.kappa));
    } else {
        return;
    }
    fit.peak_throughput_rps = fit.throughput_at(*fit.peak_level);
}

}  // namespace

double usl_fit::throughput_at(double level) const noexcept {
    return model(vec3{lambda, sigma, kappa}, level);
}

expected<usl_fit, std::string> fit_usl(std::span<const model_step> steps) {
    std::vector<point> pts;
    for (const auto& s : steps) {
        if (s.clean() && s.numbers.level >= 1 && s.numbers.throughput_rps > 0)
            pts.push_back(point{s.numbers.level, s.numbers.throughput_rps});
    }
    if (pts.size() < usl_min_steps) {
        return make_unexpected("the USL fit needs at least " + std::to_string(usl_min_steps) +
                               " clean steps; the ramp has " + std::to_string(pts.size()));
    }
    std::vector<double> levels;
    for (const auto& pt : pts)
        levels.push_back(pt.n);
    std::sort(levels.begin(), levels.end());
    const auto distinct = std::unique(levels.begin(), levels.end()) - levels.begin();
    if (distinct < 3) {
        return make_unexpected("the USL fit needs clean steps at 3 distinct levels; found " +
                               std::to_string(distinct));
    }
    double mean = 0;
    for (const auto& pt : pts)
        mean += pt.x / static_cast<double>(pts.size());
    double total = 0;
    for (const auto& pt : pts)
        total += (pt.x - mean) * (pt.x - mean);

    const auto best = constrained_fit(pts, total);
    usl_fit fit;
    fit.lambda = best.p[0];
    fit.sigma = best.p[1];
    fit.kappa = best.p[2];
    fit.steps = pts.size();
    fit.r_squared = total > 0 ? 1 - best.sse / total : (best.sse <= 0 ? 1.0 : 0.0);
    set_peak(fit);
    return fit;
}

}  // namespace faultline::ramps
