#include "toxic_set.hpp"

#include <spdlog/spdlog.h>

namespace faultline::faults {
namespace {

const char* const counted[] = {"connections", "pieces", "bytes", "actions"};

touch_counts zero_counts() {
    touch_counts zero;
    for (const char* what : counted)
        zero.emplace_back(what, 0);
    return zero;
}

}  // namespace

toxic_set::toxic_set(proxy_control& control, std::string proxy,
                     std::vector<proxies::toxic_request> toxics, nanoseconds lease)
    : control_(control),
      proxy_(std::move(proxy)),
      toxics_(std::move(toxics)),
      lease_(lease),
      last_(zero_counts()) {
    if (control_.leases()) {
        for (auto& toxic : toxics_)
            toxic.expires_in = lease_;
    }
}

toxic_set::~toxic_set() {
    stop_renewing();
}

expected<void, std::string> toxic_set::add() {
    for (const auto& toxic : toxics_) {
        auto added = control_.add_toxic(proxy_, toxic);
        if (!added) {
            (void)remove();
            return make_unexpected(added.error());
        }
        ++added_;
    }
    if (control_.leases())
        renewer_ = std::thread([this] { renew_loop(); });
    return {};
}

expected<void, std::string> toxic_set::remove() noexcept {
    stop_renewing();
    if (added_ > 0)
        last_ = current();
    std::string first_error;
    for (std::size_t i = 0; i < added_; ++i) {
        auto removed = control_.remove_toxic(proxy_, toxics_[i].name);
        if (!removed && first_error.empty())
            first_error = removed.error();
    }
    added_ = 0;
    if (!first_error.empty())
        return make_unexpected(first_error);
    return {};
}

touch_counts toxic_set::current() const {
    auto sum = zero_counts();
    for (std::size_t i = 0; i < added_; ++i) {
        auto counts = control_.toxic_counts(proxy_, toxics_[i].name);
        if (!counts)
            continue;
        for (const auto& [what, n] : *counts) {
            for (auto& [name, total] : sum) {
                if (name == what)
                    total += n;
            }
        }
    }
    return sum;
}

touch_counts toxic_set::touched() const {
    return added_ > 0 ? current() : last_;
}

// Every third of the lease, a new lease from now for each toxic.
void toxic_set::renew_loop() {
    const auto period = lease_ / 3;
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, period, [this] { return stop_; })) {
        lock.unlock();
        for (std::size_t i = 0; i < added_; ++i) {
            auto renewed = control_.renew(proxy_, toxics_[i].name, lease_);
            if (!renewed)
                spdlog::warn("{}", renewed.error());
        }
        lock.lock();
    }
}

void toxic_set::stop_renewing() noexcept {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (renewer_.joinable())
        renewer_.join();
}

}  // namespace faultline::faults
