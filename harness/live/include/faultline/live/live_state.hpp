#pragma once
// What a run looks like right now, for the live metrics endpoint and the terminal's live line:
// counts since the start, rates and latency over the last second, the level and the faults.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <faultline/stats/interval.hpp>

namespace faultline::live {

/// Latency quantiles of the last second, in seconds.
struct live_latency {
    double p50 = 0, p90 = 0, p99 = 0, max = 0;
};

struct live_workload {
    std::string name;
    stats::workload_counts total;  ///< since the run started
    double throughput_rps = 0;     ///< successful requests per second over the last second
    double error_rate = 0;         ///< errors / (ok + errors) over the last second
    std::optional<live_latency> last_second;  ///< unset when nothing completed in it
    std::uint64_t latency_count = 0;          ///< latencies recorded since the start
    double latency_sum_s = 0;                 ///< their sum (bucket midpoints), seconds
};

struct live_state {
    std::string scenario;
    std::string model;  ///< "closed" or "open"
    std::string version;
    double elapsed_s = 0;
    double level = 0;   ///< virtual users or arrivals per second now
    std::string phase;  ///< the plan segment's phase ("step", "spike", ...)
    std::size_t segment = 0;
    std::vector<live_workload> workloads;
    std::vector<std::pair<std::string, bool>> faults;  ///< every fault; true while in place
};

}  // namespace faultline::live
