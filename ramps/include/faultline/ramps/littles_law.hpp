#pragma once
/// Little's law as a self-check of the closed model: N virtual users, each either waiting for a
/// response or thinking, complete X requests/s with mean latency R and think time Z, so
/// N = X · (R + Z). When N is clearly larger, users spent time that was not measured as latency:
/// requests queued inside the generator (waiting for a connection, a thread or the scheduler)
/// before their send time was taken.
#include <optional>

#include <faultline/core/clock.hpp>
#include <faultline/ramps/step_judge.hpp>

namespace faultline::ramps {

/// How far above X · (R + Z) the level may lie before the step is flagged (10 %).
inline constexpr double littles_law_default_tolerance = 0.10;

/// The check of one step.
struct littles_law_check {
    double accounted_users = 0;        ///< X · (R + Z): users the measured numbers account for
    double ratio = 0;                  ///< level / accounted_users (1 = all time was measured)
    bool queued_in_generator = false;  ///< ratio > 1 + tolerance
};

/// Checks one closed-model step (level = virtual users). X is achieved_rps (every completed
/// request, ok or error, since each occupied a user), or throughput_rps when achieved_rps is 0;
/// R is `step.mean`; Z is `think_time` (>= 0). `tolerance` is a fraction >= 0. nullopt when the
/// step cannot be checked: no level, no completions, or no mean latency. Meaningless for the
/// open model, whose level is an arrival rate.
std::optional<littles_law_check> check_littles_law(
    const step_numbers& step, nanoseconds think_time = nanoseconds{0},
    double tolerance = littles_law_default_tolerance);

}  // namespace faultline::ramps
