#pragma once
/// A circuit breaker in front of one dependency (--breaker on).
///
/// Closed: every call goes through; `failures_to_open` failures in a row open it. Open: calls
/// are refused at once (the endpoint answers from elsewhere or fails fast), except one probe
/// call at a time, at most every `probe_interval`; a failed probe keeps it open. It closes again
/// (through a half-open probe that succeeded) `half_open_after` after the last failure it saw.
/// So once a dependency is back, the service heals `half_open_after` after the outage ended,
/// give or take a probe interval: a known recovery time for faultline to measure.
#include <cstdint>
#include <mutex>

#include <faultline/core/clock.hpp>

namespace faultline::sample {

struct breaker_settings {
    unsigned failures_to_open = 5;
    nanoseconds half_open_after = std::chrono::seconds(2);
    nanoseconds probe_interval = std::chrono::milliseconds(25);
};

/// What a caller may do now.
enum class breaker_admission {
    call,    ///< closed: call and record the result
    probe,   ///< open, a probe is due: call and record the result
    refuse,  ///< open: do not call
};

/// Thread-safe.
class circuit_breaker {
public:
    explicit circuit_breaker(breaker_settings settings) : settings_(settings) {}

    breaker_admission admit(clock::time_point now);
    /// The result of a call admit() allowed.
    void record(bool success, breaker_admission how, clock::time_point now);

    bool open(clock::time_point now) const;
    std::uint64_t opened_count() const;  ///< times it opened

private:
    breaker_settings settings_;
    mutable std::mutex mutex_;
    unsigned failures_in_row_ = 0;
    bool open_ = false;
    clock::time_point last_failure_{};
    clock::time_point last_probe_{};
    bool probing_ = false;
    std::uint64_t opened_ = 0;
};

}  // namespace faultline::sample
