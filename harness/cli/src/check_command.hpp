#pragma once
// `faultline check`: is everything the scenario's run connects to there, and is every port it
// listens on free? Sends no load and starts nothing.
#include "run_command.hpp"

namespace faultline::cli {

/// Loads the scenario of `options.source` (exit 2 with every
/// diagnostic when it does not load) and tries every address of check_targets() with a 2 s
/// connect timeout, printing one line per address: OK, UNREACHABLE (why), STARTED BY THE RUN
/// (nothing listens there yet, as it must) or PORT IN USE. Returns 0 when all are fine, 1 when
/// an address is unreachable or a port is taken.
int check_command(const run_options& options);

}  // namespace faultline::cli
