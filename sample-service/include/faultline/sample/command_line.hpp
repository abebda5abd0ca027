#pragma once
/// The faultline-sample command line: flags to server_options, with the checks that make it
/// refuse to run (a non-loopback host, an unknown store) before anything is bound.
#include <optional>
#include <string>

#include <faultline/sample/server.hpp>

namespace faultline::sample {

/// The outcome of reading the command line: options to run with, or a message and an exit code
/// (0 after --help, whose text goes to stdout; 2 for a usage error, whose text goes to stderr).
struct command_line {
    std::optional<server_options> options;
    int exit_code = 0;
    std::string message;
};

/// Reads --host, --port, --workers, --service-time, --queue, --store, --threads,
/// --idle-timeout, --rate-limit, --leak-per-request and --fail-after. Never throws and never exits:
/// the caller prints and returns.
command_line parse_command_line(int argc, const char* const* argv);

}  // namespace faultline::sample
