#pragma once
// Loading the scenario a command names, as run, validate and check all do.
#include <optional>
#include <string>
#include <vector>

#include <faultline/scenario/scenario.hpp>

namespace faultline::cli {

/// Loads `path` with `overrides` (--set) and its durations ×`time_scale`. On a problem prints
/// every diagnostic to stderr and returns nullopt (the command exits 2). When scaled, prints the
/// time-scale note to stdout first.
std::optional<scenario::scenario> load_for_command(const std::string& path,
                                                   const std::vector<std::string>& overrides,
                                                   double time_scale);

}  // namespace faultline::cli
