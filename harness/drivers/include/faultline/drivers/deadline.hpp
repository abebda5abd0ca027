#pragma once
/// A cheap per-connection deadline: one timer per connection that wakes about once per timeout
/// period instead of being re-armed for every read and write.
#include <functional>

#include <faultline/core/asio.hpp>
#include <faultline/core/clock.hpp>

namespace faultline::drivers {

/*
 * Lazy re-arming. arm(t) only moves the timer when t is earlier than the timer's expiry;
 * otherwise it just records t. When the timer fires it compares now with the recorded
 * deadline: past -> on_expiry(); future -> sleep until it; none -> sleep one idle period.
 *
 *   arm(t1)      arm(t2)   disarm   arm(t3)               timer fires at t1: t3 > now, sleep to t3
 *   |--req 1--|  |--req 2--|        |--req 3-------------...
 *   timer:  [----------------- t1]  [--------------------- t3]
 */
class deadline : public std::enable_shared_from_this<deadline> {
public:
    /// `on_expiry` runs on the executor when an armed deadline passes (it closes the socket).
    deadline(asio::any_io_executor executor, std::function<void()> on_expiry);

    /// Starts the watching coroutine. Call once, after construction through make_shared.
    void start(nanoseconds idle_period);
    /// Sets the deadline to `when` (absolute).
    void arm(clock::time_point when);
    /// No deadline until the next arm().
    void disarm() noexcept { deadline_ = clock::time_point::max(); }
    /// Ends the watching coroutine (idempotent).
    void stop() noexcept;

private:
    asio::awaitable<void> watch(std::shared_ptr<deadline> self);

    asio::steady_timer timer_;
    std::function<void()> on_expiry_;
    clock::time_point deadline_ = clock::time_point::max();
    clock::time_point timer_expiry_ = clock::time_point::max();
    nanoseconds idle_period_{};
    bool stopped_ = false;
};

}  // namespace faultline::drivers
