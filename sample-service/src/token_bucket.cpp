#include <algorithm>

#include <faultline/sample/token_bucket.hpp>

namespace faultline::sample {

double default_burst(double rate) noexcept {
    return std::max(1.0, rate / 100.0);
}

token_bucket::token_bucket(double rate, double burst, clock::time_point start) noexcept
    : rate_(rate),
      burst_(std::max(1.0, burst)),
      interval_ns_(1e9 / rate),
      tolerance_ns_((burst_ - 1.0) * interval_ns_),
      start_(start) {}

double token_bucket::since_start(clock::time_point t) const noexcept {
    return static_cast<double>((t - start_).count());
}

bool token_bucket::try_take(clock::time_point now) noexcept {
    // The bucket holds burst − (full_at − now) / interval tokens (at most burst); a token is
    // there when full_at − now ≤ (burst − 1) × interval.
    const double at = since_start(now);
    const double full_at = std::max(full_at_ns_, at);
    if (full_at - at > tolerance_ns_)
        return false;
    full_at_ns_ = full_at + interval_ns_;
    return true;
}

}  // namespace faultline::sample
