#pragma once
// Private to the library: the token bucket shared by all io threads, or no limit at all.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>

#include <faultline/core/clock.hpp>
#include <faultline/sample/token_bucket.hpp>

namespace faultline::sample::detail {

// --rate-limit: admits requests at `rate` per second with a burst of default_burst(rate);
// without a rate it admits everything. Thread-safe.
class rate_limit {
public:
    explicit rate_limit(std::optional<double> rate) {
        if (rate)
            bucket_.emplace(*rate, default_burst(*rate), clock::now());
    }

    // True when a request arriving at `now` may go on; false (and counted) when refused.
    bool admit(clock::time_point now) {
        if (!bucket_)
            return true;
        bool taken = false;
        {
            const std::lock_guard lock(mutex_);
            taken = bucket_->try_take(now);
        }
        if (!taken)
            refused_.fetch_add(1, std::memory_order_relaxed);
        return taken;
    }

    // Requests refused so far.
    std::uint64_t refused() const noexcept { return refused_.load(std::memory_order_relaxed); }

private:
    std::mutex mutex_;
    std::optional<token_bucket> bucket_;
    std::atomic<std::uint64_t> refused_{0};
};

}  // namespace faultline::sample::detail
