#pragma once
/// The load engine: worker threads, each with its own io_context, virtual users (closed model) or
/// an arrival schedule (open model), and a per-thread recorder. The runner sets the level and
/// collects intervals; the engine knows nothing of ramps or scenarios' files.
#include <cstdint>
#include <memory>
#include <vector>

#include <faultline/core/clock.hpp>
#include <faultline/core/load_model.hpp>
#include <faultline/drivers/driver.hpp>
#include <faultline/stats/interval.hpp>

namespace faultline::engine {

/// One entry of the weighted mix, ready to run.
struct workload_entry {
    std::shared_ptr<const drivers::driver> driver;
    double weight = 1;
    nanoseconds think_time{0};
};

/// Engine settings.
struct engine_options {
    unsigned threads = 1;  ///< worker threads, >= 1
    core::load_model model = core::load_model::closed;
    std::uint32_t max_connections = 1000;  ///< open model: per workload, all threads
    std::uint64_t seed = 1;                ///< workload choice and templates
};

/// What collect() returns besides the merged interval.
struct collect_info {
    nanoseconds worker_cpu{0};  ///< CPU time the workers used since the last collect, summed
};

class worker;

/// Runs load on its own threads. All public functions are called from one control thread.
class engine {
public:
    engine(engine_options options, std::vector<workload_entry> workloads);
    ~engine();
    engine(const engine&) = delete;
    engine& operator=(const engine&) = delete;

    /// Starts the worker threads at level 0.
    void start();

    /// Sets the load level: total virtual users (closed, rounded) or arrivals per second (open).
    /// In-flight requests are never dropped: surplus users leave after their current request.
    void set_level(double level);

    /// Moves what every worker recorded since the last collect into `out` (merged). Blocks
    /// briefly while each worker swaps its recorder on its own thread.
    collect_info collect(stats::interval_snapshot& out);

    /// Stops sending, lets in-flight requests finish for up to `drain_timeout`, then cancels the
    /// rest (counted as cancelled) and joins the threads. Idempotent. collect() still works after.
    void stop(nanoseconds drain_timeout);

    unsigned threads() const noexcept { return options_.threads; }

private:
    engine_options options_;
    std::vector<workload_entry> workloads_;
    std::vector<std::unique_ptr<worker>> workers_;
    bool started_ = false;
    bool stopped_ = false;
};

}  // namespace faultline::engine
