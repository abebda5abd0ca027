#pragma once
/// Whether the load generator, not the target, limited a step, and what to change. A pure
/// function of the step's numbers.
#include <cstdint>
#include <string>

#include <faultline/core/clock.hpp>

namespace faultline::ramps {

/// What limited the generator in a step.
enum class generator_limit {
    none,
    cpu,          ///< its worker threads were busy nearly all the time
    schedule,     ///< open model: arrivals went out late (the threads could not keep the pace)
    connections,  ///< open model: arrivals found every connection busy (max_connections)
};

/// The numbers of one step that tell.
struct generator_numbers {
    double worker_cpu = 0;  ///< busy fraction of the worker threads, 0..1
    bool open_model = false;
    nanoseconds schedule_lag_p99{0};  ///< actual minus intended send time
    nanoseconds latency_p99{0};       ///< the latency measured (from the intended send time)
    std::uint64_t dropped = 0;        ///< arrivals that found no free connection
    bool target_failed = false;       ///< the step tripped an error, latency or dropped criterion
};

/// Worker threads busier than this are saturated.
inline constexpr double max_worker_cpu = 0.95;
/// The schedule slipped when its p99 is above this ...
inline constexpr nanoseconds max_schedule_lag = std::chrono::milliseconds(1);
/// ... and above this share of the latency measured: a slip the size of scheduling noise on a
/// shared machine does not change what was measured about a target answering in tens of ms.
inline constexpr double max_lag_share = 0.1;

/// The first that applies: cpu, schedule, then connections, which count only when the target
/// kept its criteria (a slow target holds the connections itself). none otherwise.
generator_limit generator_limit_of(const generator_numbers& step);

/// "cpu", "schedule", "connections", or "" for none.
std::string to_string(generator_limit limit);

/// What to change so that the generator is not the limit, one sentence.
std::string advice(generator_limit limit);

}  // namespace faultline::ramps
