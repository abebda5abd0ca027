#pragma once
/// The protocol drivers' interface: a driver is the validated, immutable configuration of one
/// workload, shared by all threads; a session is one virtual user's (or one pooled connection's)
/// state for that workload, owned by one thread.
#include <cstdint>
#include <memory>

#include <faultline/core/asio.hpp>
#include <faultline/net/name_cache.hpp>
#include <faultline/stats/outcome.hpp>
#include <faultline/stats/phases.hpp>

namespace faultline::drivers {

/// One connection's worth of protocol state. Lives on one executor; not thread-safe.
class session {
public:
    virtual ~session() = default;

    /// Sends one request and waits for its outcome, connecting first when needed. Network
    /// failures are outcomes, never exceptions. Every wait is bounded by the workload's timeouts.
    /// Suspends; runs on the executor the session was made for.
    virtual asio::awaitable<stats::outcome> execute() = 0;

    /// The phases of the request the last execute() sent, when it got a whole response and the
    /// driver measures phases; null otherwise (the default: drivers that do not measure them).
    virtual const stats::request_phases* phases() const noexcept { return nullptr; }

    /// Closes the connection now, from the session's executor. A pending execute() finishes
    /// with stats::outcome::cancelled. The session may not be used afterwards.
    virtual void close() noexcept = 0;
};

/// What every driver of one run shares.
struct driver_environment {
    /// Target names, resolved off the engine's threads and kept for `[engine] dns_ttl`.
    std::shared_ptr<net::name_cache> names = std::make_shared<net::name_cache>();
};

/// A workload's driver: makes sessions. Immutable and thread-safe after construction.
class driver {
public:
    virtual ~driver() = default;

    /// A new session on `executor`. `seed` drives its templates' randomness.
    virtual std::shared_ptr<session> make_session(asio::any_io_executor executor,
                                                  std::uint64_t seed) const = 0;
};

}  // namespace faultline::drivers
