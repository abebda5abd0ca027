#include <algorithm>
#include <random>

#include <faultline/sample/session_table.hpp>

namespace faultline::sample {
namespace {

// 128 random bits as 32 lower-case hex digits. One generator per thread, seeded from the OS.
std::string random_hex() {
    thread_local std::mt19937_64 rng{std::random_device{}() ^
                                     (std::uint64_t{std::random_device{}()} << 32)};
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(32, '0');
    for (std::size_t half = 0; half < 2; ++half) {
        std::uint64_t bits = rng();
        for (std::size_t i = 0; i < 16; ++i) {
            out[half * 16 + i] = digits[bits & 0xF];
            bits >>= 4;
        }
    }
    return out;
}

}  // namespace

session_table::session_table(std::size_t capacity)
    : capacity_(std::max<std::size_t>(capacity, 1)) {}

login_grant session_table::login() {
    login_grant grant{"t-" + random_hex(), "s-" + random_hex(), {}};
    std::lock_guard lock(mutex_);
    grant.user = "user-" + std::to_string(++logins_);
    if (order_.size() >= capacity_) {
        users_.erase(order_.front());
        order_.pop_front();
    }
    users_.emplace(grant.token, grant.user);
    order_.push_back(grant.token);
    return grant;
}

std::optional<std::string> session_table::user_of(std::string_view token) const {
    std::lock_guard lock(mutex_);
    auto found = users_.find(std::string(token));
    if (found == users_.end())
        return std::nullopt;
    return found->second;
}

}  // namespace faultline::sample
