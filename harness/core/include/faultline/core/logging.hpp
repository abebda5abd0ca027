#pragma once
/// Logging set-up: spdlog to stderr, optionally also to a file (a run's run.log).
#include <string>

namespace faultline::core {

/// Configures the default logger. `level` is one of trace, debug, info, warn, error, off.
/// When `file` is non-empty, messages also go there (created or truncated).
void setup_logging(const std::string& level, const std::string& file = {});

/// Adds a file sink to the default logger (for run.log once the results folder exists).
void add_log_file(const std::string& file);

}  // namespace faultline::core
