#pragma once
// Reads what a process uses from /proc: resident memory, CPU time, open file descriptors.
#include <optional>

#include <faultline/stats/process_samples.hpp>

namespace faultline::processes {

/// Reads process `pid`; nullopt when it is gone or /proc cannot be read.
std::optional<stats::process_reading> read_process(int pid);

}  // namespace faultline::processes
