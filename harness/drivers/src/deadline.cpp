#include <faultline/core/spawn.hpp>
#include <faultline/drivers/deadline.hpp>

namespace faultline::drivers {

deadline::deadline(asio::any_io_executor executor, std::function<void()> on_expiry)
    : timer_(std::move(executor)), on_expiry_(std::move(on_expiry)) {}

void deadline::start(nanoseconds idle_period) {
    idle_period_ = idle_period;
    timer_expiry_ = clock::now() + idle_period_;
    timer_.expires_at(timer_expiry_);
    core::spawn(timer_.get_executor(), watch(shared_from_this()), "deadline");
}

void deadline::arm(clock::time_point when) {
    deadline_ = when;
    if (when < timer_expiry_ && !stopped_) {
        timer_expiry_ = when;
        timer_.expires_at(when);  // cancels the pending wait; watch() re-reads the state
    }
}

void deadline::stop() noexcept {
    stopped_ = true;
    timer_.cancel();
}

asio::awaitable<void> deadline::watch(std::shared_ptr<deadline> self) {
    while (!stopped_) {
        error_code ec;
        co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (stopped_)
            break;
        auto now = clock::now();
        if (ec == asio::error::operation_aborted && timer_expiry_ > now) {
            continue;  // re-armed earlier by arm(): the timer already holds the new expiry
        }
        if (deadline_ <= now) {
            deadline_ = clock::time_point::max();
            on_expiry_();
        }
        timer_expiry_ = deadline_ == clock::time_point::max() ? now + idle_period_ : deadline_;
        timer_.expires_at(timer_expiry_);
    }
    (void)self;
}

}  // namespace faultline::drivers
