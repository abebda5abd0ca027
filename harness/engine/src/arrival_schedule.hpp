#pragma once
// The open model's schedule: arrival k of a rate that started at `base` is due at
// base + k / rate. Computed from k, never accumulated, so it does not drift.
#include <cmath>
#include <cstdint>

#include <faultline/core/clock.hpp>

namespace faultline::engine {

class arrival_schedule {
public:
    /// Starts a new rate (arrivals per second; 0 = none) at `base`.
    void reset(double rate, clock::time_point base) noexcept {
        rate_ = rate;
        base_ = base;
        issued_ = 0;
    }
    bool active() const noexcept { return rate_ > 0; }
    /// When the next arrival is due.
    clock::time_point next_due() const noexcept {
        auto offset = std::llround(static_cast<double>(issued_) * 1e9 / rate_);
        return base_ + nanoseconds(offset);
    }
    /// Marks the next arrival as issued.
    void advance() noexcept { ++issued_; }
    double rate() const noexcept { return rate_; }

private:
    double rate_ = 0;
    clock::time_point base_{};
    std::uint64_t issued_ = 0;
};

}  // namespace faultline::engine
