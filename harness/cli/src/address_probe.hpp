#pragma once
// Whether something accepts connections at an address right now, for `faultline check`.
#include <string>
#include <vector>

#include <faultline/core/clock.hpp>

#include "check_targets.hpp"

namespace faultline::cli {

/// How one connect attempt ended.
struct probe_result {
    bool accepted = false;    ///< a connection was established (and closed at once)
    bool dns_failed = false;  ///< the target's name did not resolve (reason says why)
    std::string reason;       ///< when not: "Connection refused", "no answer within 2s", ...
};

/// Resolves the names among `targets` (each within `timeout`, one after the other), then connects
/// to every target at once, each within `timeout`, and closes what it opened. Results are in the
/// order of `targets`.
std::vector<probe_result> probe_all(const std::vector<check_target>& targets, nanoseconds timeout);

}  // namespace faultline::cli
