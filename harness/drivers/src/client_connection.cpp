#include "client_connection.hpp"

#include <mutex>
#include <set>

#include <openssl/ssl.h>
#include <spdlog/spdlog.h>

namespace faultline::drivers {
namespace {

// Says why a handshake failed once per distinct reason and host for the whole process: the run
// log gets the cause without a line per connection.
void log_once(const std::string& host, const net::tls_failure& failure) {
    static std::mutex mutex;
    static std::set<std::string> said;
    const std::string line =
        std::string(failure.verify ? "TLS certificate of " : "TLS handshake with ") + host +
        (failure.verify ? " rejected: " : " failed: ") + failure.reason;
    {
        std::lock_guard lock(mutex);
        if (!said.insert(line).second)
            return;
    }
    spdlog::warn("{}", line);
}

}  // namespace

client_connection::client_connection(asio::any_io_executor executor, nanoseconds idle_period,
                                     std::shared_ptr<net::name_cache> names)
    : socket_(executor), names_(std::move(names)), resolving_(executor) {
    deadline_ = std::make_shared<deadline>(executor, [this] {
        timed_out_ = true;
        error_code ignored;
        socket_.close(ignored);
    });
    deadline_->start(idle_period);
}

client_connection::~client_connection() {
    deadline_->stop();
    tls_.reset();
    if (session_ != nullptr)
        SSL_SESSION_free(session_);
}

asio::awaitable<stats::outcome> client_connection::connect(const core::host_port& target,
                                                           nanoseconds timeout,
                                                           const net::tls_context* tls,
                                                           stats::request_phases* phases) {
    auto mark = clock::now();
    const auto give_up = mark + timeout;
    // The cache's answer without next()'s coroutine frame when it has one. (No co_await inside
    // a conditional expression: GCC 12 miscompiles it.)
    auto dial = names_->ready(target.host, target.port).value_or(net::dial_target{});
    if (!dial.endpoint && dial.error.empty())
        dial = co_await names_->next(target.host, target.port, give_up, resolving_);
    // Ends a phase that began at `mark` and starts the next.
    const auto took = [&mark, phases](stats::phase p) {
        const auto now = clock::now();
        if (phases != nullptr)
            phases->set(p, now - mark);
        mark = now;
    };
    if (dial.endpoint && !core::is_ip_literal(target.host))
        took(stats::phase::dns);
    else
        mark = clock::now();
    if (closed_)
        co_return stats::outcome::cancelled;
    if (!dial.endpoint) {
        // A remembered failure answers without suspending: yield once, so that a virtual user
        // retrying it never keeps its thread from the others.
        if (!dial.resolved)
            co_await asio::post(socket_.get_executor(), asio::use_awaitable);
        co_return closed_ ? stats::outcome::cancelled : stats::outcome::dns;
    }
    tls_active_ = false;
    socket_ = tcp::socket(socket_.get_executor());
    timed_out_ = false;
    deadline_->arm(give_up);
    error_code ec;
    co_await socket_.async_connect(*dial.endpoint, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
        deadline_->disarm();
        const auto kind = closed_      ? stats::outcome::cancelled
                          : timed_out_ ? stats::outcome::connect_timeout
                                       : stats::outcome::connect_refused;
        drop();
        co_return kind;
    }
    took(stats::phase::connect);
    socket_.set_option(tcp::no_delay(true), ec);
    if (tls != nullptr) {
        // The handshake is awaited here, not in a coroutine of its own: a frame fewer per
        // connection.
        start_tls(*tls, target.host);
        co_await tls_->handshake(ec);
        const auto shaken = handshake_outcome(ec, target.host);
        if (shaken != stats::outcome::ok) {
            deadline_->disarm();
            drop();
            co_return shaken;
        }
        took(stats::phase::tls);
    }
    deadline_->disarm();
    connected_ = true;
    co_return stats::outcome::ok;
}

void client_connection::start_tls(const net::tls_context& tls, const std::string& host) {
    if (!tls_ || &tls_->context() != &tls)
        tls_ = std::make_unique<net::tls_socket>(socket_, tls);
    if (session_context_ != &tls && session_ != nullptr) {
        SSL_SESSION_free(session_);
        session_ = nullptr;
    }
    session_context_ = &tls;
    tls_->start(host, session_);
    tls_active_ = true;
}

stats::outcome client_connection::handshake_outcome(const error_code& ec, const std::string& host) {
    if (!ec) {
        resumed_ = SSL_session_reused(tls_->native_handle()) == 1;
        return stats::outcome::ok;
    }
    if (closed_)
        return stats::outcome::cancelled;
    if (timed_out_)
        return stats::outcome::tls_handshake;
    const auto failure = net::read_failure(tls_->native_handle(), ec);
    log_once(host, failure);
    return failure.verify ? stats::outcome::tls_verify : stats::outcome::tls_handshake;
}

void client_connection::arm(nanoseconds timeout) {
    timed_out_ = false;
    deadline_->arm(clock::now() + timeout);
}

stats::outcome client_connection::failure(const error_code& ec) noexcept {
    stats::outcome kind = stats::outcome::reset;
    if (closed_)
        kind = stats::outcome::cancelled;
    else if (timed_out_)
        kind = stats::outcome::timeout;
    else if (ec == asio::error::eof)
        kind = stats::outcome::eof;
    drop();
    return kind;
}

// The session to offer next time: taken when the connection ends, after its I/O, so that a
// TLS 1.3 ticket (sent after the handshake) is in it.
void client_connection::keep_session() noexcept {
    if (!tls_active_)
        return;
    // Whatever happens to the session, the SSL object is cleared for the next connection:
    // mark the shutdown done so that clearing it never marks the session unresumable.
    tls_->end();
    if (session_context_ == nullptr || !session_context_->settings().resume)
        return;
    SSL_SESSION* latest = SSL_get1_session(tls_->native_handle());
    if (latest == nullptr)
        return;
    if (SSL_SESSION_is_resumable(latest) != 1) {
        SSL_SESSION_free(latest);
        return;
    }
    if (session_ != nullptr)
        SSL_SESSION_free(session_);
    session_ = latest;
}

void client_connection::drop() noexcept {
    keep_session();
    tls_active_ = false;
    error_code ignored;
    socket_.close(ignored);
    connected_ = false;
}

void client_connection::close() noexcept {
    closed_ = true;
    resolving_.cancel();
    deadline_->stop();
    error_code ignored;
    socket_.close(ignored);
}

}  // namespace faultline::drivers
