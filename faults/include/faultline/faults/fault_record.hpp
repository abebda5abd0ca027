#pragma once
/// What became of one fault of a run (fault_timeline.hpp fills it in).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace faultline::faults {

/// Named counts of what a fault touched: {"connections", 12}, {"bytes", 4096}, {"processes", 1}.
using touch_counts = std::vector<std::pair<std::string, std::uint64_t>>;

/// True when any count is above zero.
bool touched_anything(const touch_counts& counts);

/// What became of one fault. Times in seconds since the run's start.
struct fault_record {
    std::string name;
    std::string kind;
    std::string target;
    double requested_start_s = 0;
    std::optional<double> requested_end_s;  ///< unset: until the run ends
    std::optional<double> started_s;        ///< when apply() was called (the disruption's start)
    std::optional<double> applied_s;        ///< when apply() returned; unset: never applied
    std::optional<double> removed_s;        ///< when remove() returned
    bool removed_at_run_end = false;        ///< removed by stop(), not at its own end
    touch_counts touched;
    std::string error;  ///< why it was not applied, or what went wrong removing it
    /// Not applied because the run's baseline was not healthy (nothing is injected then).
    bool skipped = false;

    /// Applied and touched something.
    bool took_effect() const { return applied_s && touched_anything(touched); }
};

}  // namespace faultline::faults
