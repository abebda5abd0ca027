#pragma once
// One client TCP connection with its deadline: what every protocol session shares (connecting
// with a timeout, arming the deadline around a request, and naming a transport failure).
#include <memory>

#include <faultline/core/endpoint.hpp>
#include <faultline/drivers/deadline.hpp>
#include <faultline/net/name_cache.hpp>
#include <faultline/stats/outcome.hpp>

namespace faultline::drivers {

class client_connection {
public:
    /// `idle_period`: how often the deadline's timer wakes when nothing is armed; `names`
    /// resolves target names.
    client_connection(asio::any_io_executor executor, nanoseconds idle_period,
                      std::shared_ptr<net::name_cache> names);
    ~client_connection();
    client_connection(const client_connection&) = delete;
    client_connection& operator=(const client_connection&) = delete;

    /// Opens a new connection to `target` within `timeout` (its name resolved first, within the
    /// same time): ok, or dns, connect_refused, connect_timeout, cancelled. TCP_NODELAY is set.
    asio::awaitable<stats::outcome> connect(const core::host_port& target, nanoseconds timeout);

    /// The deadline of the current request: the socket is closed when it passes.
    void arm(nanoseconds timeout);
    void disarm() noexcept { deadline_->disarm(); }

    /// The outcome of a failed read or write: cancelled after close(), timeout after the
    /// deadline, eof for a clean close by the peer, reset otherwise. Drops the connection.
    stats::outcome failure(const error_code& ec) noexcept;
    /// Closes the socket; the next request connects again.
    void drop() noexcept;
    /// Closes for good (from the session's executor): a pending operation ends as cancelled.
    void close() noexcept;

    tcp::socket& socket() noexcept { return socket_; }
    bool connected() const noexcept { return connected_; }
    bool closed() const noexcept { return closed_; }
    bool timed_out() const noexcept { return timed_out_; }

private:
    tcp::socket socket_;
    std::shared_ptr<deadline> deadline_;
    std::shared_ptr<net::name_cache> names_;
    asio::steady_timer resolving_;  // wakes a connect waiting on a name; close() cancels it
    bool connected_ = false;
    bool timed_out_ = false;
    bool closed_ = false;
};

}  // namespace faultline::drivers
