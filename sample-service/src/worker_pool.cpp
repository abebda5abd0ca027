#include <algorithm>
#include <chrono>

#include <faultline/sample/worker_pool.hpp>

namespace faultline::sample {

// One request waiting for or holding a slot. Lives in the frame of serve(); the pool only keeps a
// pointer while it is queued. `queued`, `granted` and `start` are guarded by the pool's mutex
// until the hand-over reaches `executor` (a post, or a direct call from that same executor).
struct worker_pool::waiter {
    explicit waiter(const asio::any_io_executor& ex) : executor(ex), timer(ex) {}
    asio::any_io_executor executor;
    asio::steady_timer timer;
    clock::time_point start{};
    clock::time_point done{};  ///< when the slot was due back (set when it completes)
    bool queued = false;
    bool granted = false;
};

// Gives the waiter's place or slot back however serve() ends (normally, or destroyed at
// shutdown or by an exception).
class worker_pool::slot_guard {
public:
    slot_guard(worker_pool& pool, waiter& w) : pool_(pool), waiter_(w) {}
    slot_guard(const slot_guard&) = delete;
    slot_guard& operator=(const slot_guard&) = delete;
    ~slot_guard() { pool_.leave(waiter_, completed_); }
    void complete(clock::time_point done) noexcept {
        waiter_.done = done;
        completed_ = true;
    }

private:
    worker_pool& pool_;
    waiter& waiter_;
    bool completed_ = false;
};

clock::time_point handover_start(clock::time_point deadline, clock::time_point now,
                                 nanoseconds catch_up_limit) noexcept {
    // Chain deadlines while the hand-over is merely late (timer overshoot, a busy io thread);
    // after a real stall (the process paused, say) start afresh rather than serve a burst.
    return now - deadline < catch_up_limit ? deadline : now;
}

worker_pool::worker_pool(std::size_t workers, std::size_t queue_limit, nanoseconds service_time)
    : queue_limit_(queue_limit),
      service_time_(service_time),
      catch_up_limit_(std::max<nanoseconds>(service_time, std::chrono::milliseconds(5))),
      free_(std::max<std::size_t>(workers, 1)) {}

asio::awaitable<bool> worker_pool::serve() {
    const std::function<asio::awaitable<void>()> nothing;  // named: g++ 12 and co_await temporaries
    co_return co_await serve(nothing);
}

asio::awaitable<bool> worker_pool::serve(const std::function<asio::awaitable<void>()>& work) {
    const asio::any_io_executor executor = co_await asio::this_coro::executor;
    waiter self(executor);
    // Parked "forever" until release() expires the timer through this executor.
    self.timer.expires_at(clock::time_point::max());
    const admission how = admit(self);
    if (how == admission::rejected)
        co_return false;
    slot_guard guard(*this, self);
    error_code ec;
    if (how == admission::queued) {
        auto token = asio::redirect_error(asio::use_awaitable, ec);
        co_await self.timer.async_wait(token);
    }
    // expires_at, not expires_after: the deadline is fixed by when the slot became ours.
    self.timer.expires_at(self.start + service_time_);
    auto token = asio::redirect_error(asio::use_awaitable, ec);
    co_await self.timer.async_wait(token);
    if (work) {
        co_await work();
        guard.complete(std::max(clock::now(), self.start + service_time_));
    } else {
        guard.complete(self.start + service_time_);
    }
    co_return true;
}

worker_pool::admission worker_pool::admit(waiter& w) {
    std::lock_guard lock(mutex_);
    if (closed_)
        return admission::rejected;
    if (free_ > 0) {  // free slots exist only while nobody waits, so FIFO holds
        --free_;
        ++busy_;
        w.granted = true;
        w.start = clock::now();
        return admission::granted;
    }
    if (queue_.size() >= queue_limit_) {
        ++rejected_;
        return admission::rejected;
    }
    queue_.push_back(&w);
    w.queued = true;
    return admission::queued;
}

void worker_pool::leave(waiter& w, bool completed) {
    std::lock_guard lock(mutex_);
    if (w.queued) {
        queue_.erase(std::find(queue_.begin(), queue_.end(), &w));
        w.queued = false;
        return;
    }
    if (!w.granted)
        return;
    w.granted = false;
    release(completed ? w.done : clock::now(), completed, w.executor);
}

// Called with the mutex held. `deadline` is when the slot was due back; `from` is the executor
// of the request giving the slot back.
void worker_pool::release(clock::time_point deadline, bool completed,
                          const asio::any_io_executor& from) {
    --busy_;
    if (completed)
        ++served_;
    if (closed_ || queue_.empty()) {
        ++free_;
        return;
    }
    waiter* next = queue_.front();
    queue_.pop_front();
    next->queued = false;
    next->granted = true;
    ++busy_;
    next->start = handover_start(deadline, clock::now(), catch_up_limit_);
    if (completed && next->executor == from) {
        // We run inside serve() on that executor's only thread: wake it directly, saving a trip
        // through a busy io_context's queue.
        next->timer.expires_at(clock::time_point{});
        return;
    }
    asio::steady_timer* timer = &next->timer;
    asio::post(next->executor, [timer] { timer->expires_at(clock::time_point{}); });
}

void worker_pool::close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
}

worker_pool_stats worker_pool::stats() const {
    std::lock_guard lock(mutex_);
    return worker_pool_stats{busy_, queue_.size(), served_, rejected_};
}

}  // namespace faultline::sample
