#pragma once
/// Breaking-point criteria and what a tripped one reports. Pure data.
#include <optional>
#include <string>
#include <vector>

#include <faultline/core/clock.hpp>

namespace faultline::ramps {

/// A latency quantile that must stay at or below a limit.
struct latency_limit {
    double quantile = 99;  ///< percentile in (0, 100]; 100 is the maximum
    nanoseconds limit{0};

    /// The criterion's name: "p50", "p99", "p99.9", or "max" for quantile 100.
    std::string name() const;
};

/// A bound on open-model arrivals that found no free connection ("dropped"): either a count per
/// window or a fraction of the window's arrivals.
struct dropped_limit {
    double value = 0;
    bool fraction = false;  ///< value is a fraction of arrivals (from "1%"), not a count
};

/// Criteria; unset ones are not judged. All but `knee` are judged on sliding windows inside a
/// step (see window_judge.hpp); the knee compares a whole step with the step before it.
struct criteria {
    std::optional<double> error_rate;      ///< trips when errors / completed > this
    std::vector<latency_limit> latency;    ///< each trips when its quantile > its limit
    std::optional<double> min_attainment;  ///< open model: trips when achieved < this × offered
    std::optional<dropped_limit> max_dropped;  ///< open model: trips when dropped > this
    std::optional<double> knee;  ///< trips when load grew >= 10 % over the previous step and
                                 ///< throughput grew by less than this (the rule of knee.hpp)
    nanoseconds window = std::chrono::seconds(1);  ///< length of a judged window
    unsigned consecutive = 2;  ///< failing windows in a row (back to back) that trip
};

/// Names of the criteria judged on windows (all set ones but the knee), in the order
/// window_failures reports them: error_rate, latency limits, min_attainment, max_dropped.
std::vector<std::string> windowed_criteria(const criteria& criteria);

/// The unit of a trip's value and limit.
enum class trip_unit { fraction, milliseconds, count };

/// "fraction", "ms" or "count".
const char* to_string(trip_unit unit) noexcept;

/// A criterion that tripped: its name, the value it held and the limit it broke. Error rate,
/// attainment and fractional dropped limits are fractions; latencies milliseconds; dropped
/// counts counts; the knee is the throughput growth (a fraction) against `knee`.
struct trip {
    std::string criterion;  ///< "error_rate", "p99", "max", "min_attainment", "max_dropped", "knee"
    double value = 0;
    double limit = 0;
    trip_unit unit = trip_unit::fraction;
    std::optional<double> at_s;  ///< seconds since the run started when the failing windows began

    bool operator==(const trip&) const = default;
};

}  // namespace faultline::ramps
