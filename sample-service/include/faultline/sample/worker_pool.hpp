#pragma once
/// The capacity model: N worker slots, a bounded FIFO queue, a fixed service time per request.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>

#include <faultline/core/asio.hpp>
#include <faultline/core/clock.hpp>

namespace faultline::sample {

/// A snapshot of a worker pool's counters.
struct worker_pool_stats {
    std::size_t busy = 0;        ///< slots held right now
    std::size_t queued = 0;      ///< requests waiting for a slot right now
    std::uint64_t served = 0;    ///< requests that held a slot for the full service time
    std::uint64_t rejected = 0;  ///< requests turned away because the queue was full
};

/// When a slot given back at `deadline` and handed over at `now` starts for its next holder:
/// at `deadline` when the hand-over is less than `catch_up_limit` late, so lateness does not
/// accumulate under saturation; otherwise at `now`.
clock::time_point handover_start(clock::time_point deadline, clock::time_point now,
                                 nanoseconds catch_up_limit) noexcept;

/// N slots shared by all io threads. A request takes a free slot or waits FIFO for one, holds it
/// for the service time (a timer wait, not CPU work) and gives it back, so throughput saturates
/// at N / service_time and latency grows with the queue beyond that.
///
/// Under saturation a slot handed from one request to the next starts at the previous holder's
/// deadline, not at the moment the wake-up ran, so timer overshoot and a busy io thread do not
/// eat capacity (up to max(service time, 5 ms) late; beyond that the chain restarts at "now"):
///
///   slot 0: |--- D ---|--- D ---|--- D ---|     deadlines at t0+D, t0+2D, t0+3D ...
///                      ^ woken a little late, still ends at t0+2D
///
/// Thread-safe. Each caller must run on a single-threaded executor (an io_context run by one
/// thread, or a strand), because a waiter's timer is touched only through that executor.
class worker_pool {
public:
    /// `workers` ≥ 1 slots; at most `queue_limit` requests wait (0: never wait).
    worker_pool(std::size_t workers, std::size_t queue_limit, nanoseconds service_time);
    worker_pool(const worker_pool&) = delete;
    worker_pool& operator=(const worker_pool&) = delete;

    /// Waits for a slot, holds it for the service time and releases it; suspends meanwhile.
    /// Returns false at once, without waiting, when the queue is full or the pool is closed.
    /// If the coroutine is destroyed while waiting or holding, its place or slot is given back.
    asio::awaitable<bool> serve();

    /// As serve(), and then runs `work` while still holding the slot (a request that waits for
    /// its dependencies keeps its worker meanwhile). The slot is given back when `work` ends.
    asio::awaitable<bool> serve(const std::function<asio::awaitable<void>()>& work);

    /// Stops handing slots to waiters (for shutdown, before the io_contexts are destroyed):
    /// afterwards serve() rejects and releases wake nobody. Waiters stay suspended.
    void close();

    /// The counters right now.
    worker_pool_stats stats() const;

    /// The configured service time.
    nanoseconds service_time() const noexcept { return service_time_; }

private:
    struct waiter;
    class slot_guard;
    enum class admission { granted, queued, rejected };

    admission admit(waiter& w);
    void release(clock::time_point deadline, bool completed, const asio::any_io_executor& from);
    void leave(waiter& w, bool completed);

    const std::size_t queue_limit_;
    const nanoseconds service_time_;
    const nanoseconds catch_up_limit_;  // how late a hand-over may be and still keep the chain
    mutable std::mutex mutex_;
    std::size_t free_;
    std::size_t busy_ = 0;
    std::deque<waiter*> queue_;
    std::uint64_t served_ = 0;
    std::uint64_t rejected_ = 0;
    bool closed_ = false;
};

}  // namespace faultline::sample
