#include <faultline/sample/circuit_breaker.hpp>

namespace faultline::sample {

breaker_admission circuit_breaker::admit(clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (!open_)
        return breaker_admission::call;
    if (now - last_failure_ >= settings_.half_open_after) {
        // Quiet for long enough: half-open; the next success closes it.
        open_ = false;
        failures_in_row_ = 0;
        return breaker_admission::call;
    }
    if (!probing_ && now - last_probe_ >= settings_.probe_interval) {
        probing_ = true;
        last_probe_ = now;
        return breaker_admission::probe;
    }
    return breaker_admission::refuse;
}

void circuit_breaker::record(bool success, breaker_admission how, clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (how == breaker_admission::probe)
        probing_ = false;
    if (success) {
        if (!open_)
            failures_in_row_ = 0;
        return;
    }
    last_failure_ = now;
    if (open_)
        return;
    if (++failures_in_row_ >= settings_.failures_to_open) {
        open_ = true;
        ++opened_;
    }
}

bool circuit_breaker::open(clock::time_point now) const {
    std::lock_guard lock(mutex_);
    return open_ && now - last_failure_ < settings_.half_open_after;
}

std::uint64_t circuit_breaker::opened_count() const {
    std::lock_guard lock(mutex_);
    return opened_;
}

}  // namespace faultline::sample
