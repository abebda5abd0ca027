#pragma once
// Reads what a process uses from /proc: resident memory, CPU time, open file descriptors.
#include <optional>
#include <string>
#include <vector>

namespace faultline::app {

/// One reading of one process.
struct process_reading {
    double rss_bytes = 0;    ///< VmRSS
    double cpu_seconds = 0;  ///< user + system time since it started
    double open_fds = 0;     ///< entries of /proc/PID/fd
};

/// Reads process `pid`; nullopt when it is gone or /proc cannot be read.
std::optional<process_reading> read_process(int pid);

/// Readings of the run's services, one sample a second, kept for the soak's drift analysis.
struct process_samples {
    struct sample {
        double t_s = 0;  ///< seconds since the run started
        std::string service;
        process_reading reading;
    };
    std::vector<sample> samples;
};

}  // namespace faultline::app
