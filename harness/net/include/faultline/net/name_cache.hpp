#pragma once
/// Where to dial a host: literal addresses at once, names through a cache shared by every thread
/// of a run. A name is resolved on a thread of its own (never on an engine loop), once for all
/// the connection attempts waiting on it, and kept for `ttl`; its addresses are handed out
/// round-robin so that connections spread across a load balancer's addresses.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <faultline/core/asio.hpp>
#include <faultline/core/clock.hpp>
#include <faultline/net/allow_list.hpp>
#include <faultline/net/family_policy.hpp>

namespace faultline::net {

struct name_cache_options {
    nanoseconds ttl = std::chrono::seconds(30);  ///< `[engine] dns_ttl`; 0: resolve every attempt
    family_policy family = family_policy::any;   ///< `[engine] dns_policy`
    /// Resolves one name, on a thread of its own; empty: the system resolver (getaddrinfo) with
    /// `family`. Tests give their own.
    resolve_function resolve;
};

/// The answer for one connection attempt.
struct dial_target {
    std::optional<tcp::endpoint> endpoint;  ///< where to connect; empty when the name failed
    std::string error;      ///< why not: the resolver's message, or no answer in time
    bool resolved = false;  ///< this attempt waited for a resolution (its time is the dns phase)
};

class name_cache {
public:
    explicit name_cache(name_cache_options options = {});
    ~name_cache();
    name_cache(const name_cache&) = delete;
    name_cache& operator=(const name_cache&) = delete;

    /// What next() would answer at once: for an address, "localhost", or a name fresh in the
    /// cache (round robin advances); nullopt when next() would have to wait for a resolution.
    /// Lets a caller skip next()'s coroutine frame on the common path.
    std::optional<dial_target> ready(const std::string& host, std::uint16_t port);

    /// The endpoint for `host`:`port`. "localhost" is 127.0.0.1. A name not cached (or expired)
    /// is resolved; the wait ends by `deadline`, or early when `signal` is cancelled (a closing
    /// session cancels it). `signal` is the caller's timer on the caller's executor, used for
    /// nothing else meanwhile. Failed resolutions are cached for min(ttl, 1 s).
    asio::awaitable<dial_target> next(const std::string& host, std::uint16_t port,
                                      clock::time_point deadline, asio::steady_timer& signal);

    const name_cache_options& options() const noexcept;

    struct impl;

private:
    std::shared_ptr<impl> impl_;
};

}  // namespace faultline::net
