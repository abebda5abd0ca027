#pragma once
/// Judging a step on sliding windows: a collapse late in a step trips it even when the step's
/// good start would dilute the collapse in a whole-step average. Pure functions of numbers.
#include <cstddef>
#include <cstdint>
#include <vector>

#include <faultline/ramps/criteria.hpp>

namespace faultline::ramps {

/// The numbers of one window of a step's judged part.
struct window_numbers {
    double start_s = 0;          ///< seconds since the run started
    double seconds = 0;          ///< the window's length
    std::uint64_t ok = 0;        ///< successful completions
    std::uint64_t errors = 0;    ///< failed completions (cancelled excluded)
    std::uint64_t arrivals = 0;  ///< open model: arrivals due (sent + dropped); closed: sent
    std::uint64_t dropped = 0;   ///< open model: arrivals that found no free connection
    double offered_rps = 0;      ///< open model: the arrival rate; 0 when attainment is not judged
    bool in_flight_at_start = false;  ///< a request was in flight when the window began
    /// The window's latency quantiles, one per criteria::latency entry, in the same order.
    std::vector<nanoseconds> latency;
};

/// The criteria `window` fails, each with its value, in a fixed order: error_rate, the latency
/// limits in their order, min_attainment, max_dropped. `at_s` is the window's start.
///
/// A window in which a request was in flight at its start but nothing completed is dead: it fails
/// error_rate with value 1, and each latency limit shorter than the window with the window's length
/// as its value (every request took at least that long).
std::vector<trip> window_failures(const window_numbers& window, const criteria& criteria);

/// The criteria a step trips, judged on its windows. `windows[i]` starts `i` buckets after the
/// first (windows slide by one bucket) and is `stride` buckets long. A criterion trips when it
/// fails in `consecutive` back-to-back windows and in every window between them: windows i to
/// i + (consecutive - 1) × stride, all of them. Its trip is the first such run, reported with the
/// worst value of the run and the start of its first window. The knee is not judged here
/// (see knee_trip).
///
/// What this filters: a failure shorter than one window fails only the windows that overlap it,
/// so with consecutive = 2 it trips only when it makes the windows on both sides of it fail (a
/// severe burst can; a brief blip near the limit cannot). Use a longer window to ignore severe
/// bursts too.
std::vector<trip> windowed_trips(const std::vector<window_numbers>& windows,
                                 const criteria& criteria, std::size_t stride,
                                 unsigned consecutive);

/// How a step of `judged_buckets` buckets is cut into windows of `window_buckets` buckets: a
/// step shorter than the window is one window, and a step shorter than `consecutive` windows
/// needs as many failing windows as fit in it (at least one).
struct window_layout {
    std::size_t stride = 1;    ///< buckets per window
    unsigned consecutive = 1;  ///< failing windows in a row that trip
};
window_layout layout_windows(std::size_t judged_buckets, std::size_t window_buckets,
                             unsigned consecutive);

}  // namespace faultline::ramps
