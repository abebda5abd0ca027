#pragma once
/// Bisection of the breaking point: between the last level that passed and the first that
/// failed, probe the middle until the interval is narrow enough. A pure state machine: the runner
/// asks next(), runs that level for a step, and reports the verdict with record().
#include <cstdint>
#include <optional>

namespace faultline::ramps {

/// Settings of a refinement.
struct refinement_config {
    double tolerance = 0.05;     ///< stop when (fail - pass) / pass <= this (a fraction > 0)
    unsigned repeats = 1;        ///< probes per level, decided by majority (odd; 1 = no repeat)
    bool integer_levels = true;  ///< closed model: virtual users are whole numbers
    unsigned max_probes = 32;    ///< a bound on the search whatever happens
};

/*
 * pass ├──────────── probe ────────────┤ fail      probe = (pass + fail) / 2
 *   probe passes (majority of `repeats`) → pass = probe; fails → fail = probe
 *   until (fail − pass) / pass <= tolerance, or adjacent integers in the closed model.
 */
class refinement {
public:
    /// `pass_level` < `fail_level`: the last passing and the first failing level of the ramp.
    refinement(double pass_level, double fail_level, refinement_config config);

    /// The level to probe next, or nullopt when the search is done.
    std::optional<double> next() const;

    /// The verdict of one probe at the level next() returned.
    void record(bool passed);

    double pass_level() const { return pass_; }
    double fail_level() const { return fail_; }
    /// Probes run so far (each repeat counts).
    unsigned probes() const { return probes_; }
    /// True when the interval met the tolerance (false when max_probes stopped it).
    bool converged() const;

private:
    double midpoint() const;

    double pass_;
    double fail_;
    refinement_config config_;
    unsigned probes_ = 0;
    unsigned votes_pass_ = 0;
    unsigned votes_fail_ = 0;
};

}  // namespace faultline::ramps
