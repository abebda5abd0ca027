#pragma once
// Readings of what a process uses (from /proc), kept a second apart for analyses of drift.
#include <string>
#include <vector>

namespace faultline::stats {

/// One reading of one process.
struct process_reading {
    double rss_bytes = 0;    ///< VmRSS
    double cpu_seconds = 0;  ///< user + system time since it started
    double open_fds = 0;     ///< entries of /proc/PID/fd
};

/// Readings of a run's services, one sample a second.
struct process_samples {
    struct sample {
        double t_s = 0;  ///< seconds since the run started
        std::string service;
        process_reading reading;
    };
    std::vector<sample> samples;
};

}  // namespace faultline::stats
