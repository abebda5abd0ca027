#pragma once
// The exit codes of every faultline command, in one place (README.md lists them for users).

namespace faultline::core {

/// What a command's process exit status means.
enum exit_code : int {
    exit_ok = 0,             ///< ran, and every threshold, SLO and verdict held
    exit_failed = 1,         ///< ran, and something failed (a verdict, a threshold, a regression)
    exit_usage = 2,          ///< bad command line or scenario: nothing ran
    exit_cannot_run = 3,     ///< could not run: a port taken, a service that would not start
    exit_interrupted = 130,  ///< SIGINT or SIGTERM: results measured so far were written
};

}  // namespace faultline::core
