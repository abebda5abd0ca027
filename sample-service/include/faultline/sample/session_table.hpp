#pragma once
/// Bearer tokens issued by POST /login and checked by GET /me.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace faultline::sample {

/// What POST /login hands out.
struct login_grant {
    std::string token;    ///< "t-<32 hex digits>", for "Authorization: Bearer <token>"
    std::string session;  ///< "s-<32 hex digits>", sent as the X-Session header
    std::string user;     ///< "user-<n>", n counting logins from 1
};

/// Issued tokens, bounded: beyond `capacity` the oldest token is forgotten (a long load test of
/// /login must not grow memory without end). Thread-safe.
class session_table {
public:
    /// How many tokens stay valid by default (~40 MiB at most).
    static constexpr std::size_t default_capacity = 262144;

    explicit session_table(std::size_t capacity = default_capacity);

    /// Issues a fresh random token and session id for a new user.
    login_grant login();

    /// The user a token was issued to, or nothing for an unknown (or forgotten) token.
    std::optional<std::string> user_of(std::string_view token) const;

private:
    const std::size_t capacity_;
    mutable std::mutex mutex_;
    std::uint64_t logins_ = 0;
    std::unordered_map<std::string, std::string> users_;  // token -> user
    std::deque<std::string> order_;                       // tokens, oldest first
};

}  // namespace faultline::sample
