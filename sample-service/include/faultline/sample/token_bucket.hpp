#pragma once
/// The rate limiter's decision: a token bucket judged on each request's arrival time. Pure: no
/// clock, no locking; the caller passes the times and serialises the calls.
#include <faultline/core/clock.hpp>

namespace faultline::sample {

/// The burst the service gives a rate of `rate` requests per second: max(1, rate / 100) tokens,
/// that is 10 ms of traffic at that rate and never less than one request.
double default_burst(double rate) noexcept;

/// A token bucket holding up to `burst` tokens, refilled continuously at `rate` tokens per
/// second, that starts full. A request arriving at time t takes one token if the bucket holds
/// at least one at t, and is admitted; otherwise it is refused and takes nothing.
///
/// At a steady over-rate the admitted requests are spaced exactly 1/rate apart, so each second
/// admits `rate` requests; over any interval of length s at most rate × s + burst are admitted.
/// Kept as the instant the bucket would be full again (the generic cell rate algorithm), so
/// refilling never accumulates rounding error. Arrival times may go slightly backwards (calls
/// from several threads): an earlier time just finds fewer tokens.
class token_bucket {
public:
    /// `rate` > 0 tokens per second, `burst` ≥ 1 tokens; the bucket is full at `start`.
    token_bucket(double rate, double burst, clock::time_point start) noexcept;

    /// Takes a token for a request arriving at `now`; true when one was there (admit).
    bool try_take(clock::time_point now) noexcept;

    /// Tokens per second.
    double rate() const noexcept { return rate_; }

    /// Largest number of tokens the bucket holds.
    double burst() const noexcept { return burst_; }

private:
    double since_start(clock::time_point t) const noexcept;

    double rate_;
    double burst_;
    double interval_ns_;   // 1 / rate, in nanoseconds: what one token takes to refill
    double tolerance_ns_;  // (burst − 1) × interval: how far full_at_ may run ahead of "now"
    clock::time_point start_;
    double full_at_ns_ = 0;  // since start_: when the bucket is full again if nothing is taken
};

}  // namespace faultline::sample
