#pragma once
// One client TCP connection (TLS over it when asked) with its deadline: what every protocol
// session shares (resolving and connecting with a timeout, the TLS handshake with session
// resumption, arming the deadline around a request, and naming a transport failure).
#include <memory>

#include <faultline/core/endpoint.hpp>
#include <faultline/drivers/deadline.hpp>
#include <faultline/net/name_cache.hpp>
#include <faultline/net/tls_context.hpp>
#include <faultline/net/tls_socket.hpp>
#include <faultline/stats/outcome.hpp>
#include <faultline/stats/phases.hpp>

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

    /// Opens a new connection to `target` within `timeout` (its name resolved first and, with
    /// `tls`, the handshake done, all within the same time): ok, or dns, connect_refused,
    /// connect_timeout, tls_handshake, tls_verify, cancelled. TCP_NODELAY is set. With TLS, the
    /// previous connection's session is offered (when the settings resume). With `phases`, the
    /// dns (a name only), connect and tls phases that completed are set in it.
    asio::awaitable<stats::outcome> connect(const core::host_port& target, nanoseconds timeout,
                                            const net::tls_context* tls = nullptr,
                                            stats::request_phases* phases = nullptr);

    /// Where a session reads and writes: the TLS socket while the connection speaks TLS, else
    /// the socket. Sessions branch on tls() at the call itself: a wrapping coroutine would cost
    /// a frame allocation per read and write on plain connections.
    tcp::socket& socket() noexcept { return socket_; }
    net::tls_socket* tls() noexcept { return tls_active_ ? tls_.get() : nullptr; }

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

    asio::any_io_executor executor() noexcept { return socket_.get_executor(); }
    bool connected() const noexcept { return connected_; }
    bool closed() const noexcept { return closed_; }
    bool timed_out() const noexcept { return timed_out_; }
    /// Whether the last handshake resumed a session.
    bool resumed() const noexcept { return resumed_; }

private:
    // The TLS socket of `tls` ready for a handshake with `host` (made or reused), the session
    // of the last connection offered.
    void start_tls(const net::tls_context& tls, const std::string& host);
    // What a finished handshake comes to: ok, cancelled, tls_handshake or tls_verify (the
    // reason logged once).
    stats::outcome handshake_outcome(const error_code& ec, const std::string& host);
    void keep_session() noexcept;

    tcp::socket socket_;
    std::shared_ptr<deadline> deadline_;
    std::shared_ptr<net::name_cache> names_;
    asio::steady_timer resolving_;  // wakes a connect waiting on a name; close() cancels it
    // One SSL object for every TLS connection of this slot, made at the first and kept until
    // the context changes; tls_active_ while the current connection speaks TLS.
    std::unique_ptr<net::tls_socket> tls_;
    bool tls_active_ = false;
    const net::tls_context* session_context_ = nullptr;  // the context `session_` belongs to
    SSL_SESSION* session_ = nullptr;                     // owned; offered on the next handshake
    bool connected_ = false;
    bool timed_out_ = false;
    bool closed_ = false;
    bool resumed_ = false;
};

}  // namespace faultline::drivers
