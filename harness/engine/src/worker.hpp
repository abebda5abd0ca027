#pragma once
// One worker thread: its io_context, its virtual users or arrival schedule, its recorder.
// Everything here runs on the worker's thread except the *_async entry points, which post.
#include <atomic>
#include <functional>
#include <memory>
#include <random>
#include <thread>
#include <vector>

#include <faultline/engine/engine.hpp>
#include <faultline/stats/interval.hpp>

#include "arrival_schedule.hpp"
#include "weighted_picker.hpp"

namespace faultline::engine {

class worker {
public:
    worker(std::size_t index, const std::vector<workload_entry>& workloads,
           const engine_options& options);
    ~worker();
    worker(const worker&) = delete;
    worker& operator=(const worker&) = delete;

    void start();
    /// This worker's share of the level: virtual users or arrivals per second.
    void set_level_async(double level);
    /// Swaps the recorder into slot() on the worker thread, then calls `done` there.
    void snapshot_async(std::function<void()> done);
    /// Stops load, drains for `drain`, cancels the rest; calls `done` on the worker thread once
    /// nothing is in flight.
    void stop_async(nanoseconds drain, std::function<void()> done);
    /// Waits for the thread to end (after stop_async's done); forces it after `grace`.
    void join(nanoseconds grace);

    stats::interval_snapshot& slot() noexcept { return slot_; }
    nanoseconds cpu_delta() const noexcept { return cpu_delta_; }

private:
    struct virtual_user {
        std::vector<std::shared_ptr<drivers::session>> sessions;
        std::unique_ptr<asio::steady_timer> think_timer;
        bool alive = false;
    };

    void apply_level(double level);
    asio::awaitable<void> run_virtual_user(std::size_t slot);
    asio::awaitable<void> run_pacer();
    void dispatch_arrival(clock::time_point intended);
    asio::awaitable<void> serve_arrival(std::size_t workload, std::shared_ptr<drivers::session> s,
                                        clock::time_point intended);
    asio::awaitable<void> drain_and_cancel(nanoseconds drain, std::function<void()> done);
    asio::awaitable<void> wait_idle(clock::time_point until);
    void close_all_sessions() noexcept;
    std::shared_ptr<drivers::session> new_session(std::size_t workload);
    void take_snapshot() noexcept;
    // Records a request as sent and returns its send time.
    clock::time_point begin_request(std::size_t workload) noexcept;
    // Records its outcome: latency from `intended` (= `sent` in the closed model), service time
    // from `sent`; and the phases session `s` measured, if any.
    void end_request(std::size_t workload, const drivers::session& s, stats::outcome result,
                     clock::time_point intended, clock::time_point sent) noexcept;

    asio::io_context ioc_{1};
    asio::executor_work_guard<asio::io_context::executor_type> guard_;
    std::size_t index_;
    const std::vector<workload_entry>& workloads_;
    engine_options options_;
    std::uint32_t max_connections_per_workload_;
    std::mt19937_64 rng_;
    weighted_picker picker_;                 ///< closed model: each virtual user draws
    smooth_weighted_picker arrival_picker_;  ///< open model: exact shares
    stats::interval_recorder recorder_;
    stats::interval_snapshot slot_;
    std::thread thread_;
    std::atomic<bool> finished_{false};  // set by the worker thread when run() returns

    // closed model
    std::size_t target_users_ = 0;
    std::vector<std::unique_ptr<virtual_user>> users_;

    // open model
    arrival_schedule schedule_;
    asio::steady_timer pacer_timer_{ioc_};
    std::vector<std::vector<std::shared_ptr<drivers::session>>> idle_;
    std::vector<std::vector<std::shared_ptr<drivers::session>>> pooled_;

    std::size_t active_ = 0;  // coroutines that may still record an outcome
    bool stopping_ = false;
    nanoseconds cpu_at_last_snapshot_{0};
    nanoseconds cpu_delta_{0};
};

}  // namespace faultline::engine
