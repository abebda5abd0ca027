#pragma once
// Checks and plan building shared by the shape files: each shape states its rules with these, so
// every shape words the same mistake the same way.
#include <string>
#include <string_view>

#include <faultline/ramps/load_plan.hpp>

namespace faultline::ramps::detail {

/// A bound on every plan: a longer one is a configuration mistake, not a test.
inline constexpr std::size_t max_segments = 10'000;

/// Adds {key, message} when `ok` is false.
inline void require(shape_problems& out, bool ok, std::string key, std::string message) {
    if (!ok)
        out.push_back({std::move(key), std::move(message)});
}

/// "KEY must be > 0" unless `value` > 0 (NaN fails too).
inline void require_positive(shape_problems& out, double value, std::string key) {
    require(out, value > 0, std::move(key), "must be > 0");
}

/// "KEY must be >= 0" unless `value` >= 0 (NaN fails too).
inline void require_non_negative(shape_problems& out, double value, std::string key) {
    require(out, value >= 0, std::move(key), "must be >= 0");
}

/// "KEY must be > 0" unless `value` is a positive duration.
inline void require_positive(shape_problems& out, nanoseconds value, std::string key) {
    require(out, value > nanoseconds::zero(), std::move(key), "must be > 0");
}

/// warmup >= 0, and shorter than `duration` (named `duration_key`) when that one is valid.
inline void require_warmup(shape_problems& out, nanoseconds warmup, nanoseconds duration,
                           std::string_view duration_key) {
    if (warmup < nanoseconds::zero())
        out.push_back({"warmup", "must be >= 0"});
    else if (duration > nanoseconds::zero() && warmup >= duration)
        out.push_back({"warmup", "must be shorter than " + std::string(duration_key)});
}

/// Appends a segment with the next index.
inline void append(load_plan& plan, std::string phase, double from, double to, nanoseconds duration,
                   nanoseconds warmup, bool judged) {
    plan.push_back({plan.size(), std::move(phase), from, to, duration, warmup, judged});
}

}  // namespace faultline::ramps::detail
