#pragma once
// `faultline check`: is everything the scenario's run connects to there, and is every port it
// listens on free? Sends no load and starts nothing.
#include "run_command.hpp"

namespace faultline::cli {

/// Loads the scenario of `options.source` (exit 2 with every diagnostic when it does not load;
/// hosts the allow-list refuses are reported in the table instead) and tries every address of
/// check_targets(), every address of a name, with a 2 s timeout, the TLS handshake included
/// where a workload speaks TLS, printing one line per address: OK (with TLS: the protocol, the
/// certificate's subject and days to expiry), NOT ALLOWED (why, and how to allow it; never
/// connected to), DNS FAILED, UNREACHABLE, TLS VERIFY FAILED, TLS HANDSHAKE FAILED (each with
/// why), STARTED BY THE RUN (nothing listens there yet, as it must) or PORT IN USE. Returns 0
/// when all are fine, 2 when a host is not allowed, 1 when anything else failed.
int check_command(const run_options& options);

}  // namespace faultline::cli
