#include "client_connection.hpp"

namespace faultline::drivers {

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
}

asio::awaitable<stats::outcome> client_connection::connect(const core::host_port& target,
                                                           nanoseconds timeout) {
    const auto give_up = clock::now() + timeout;
    const auto dial = co_await names_->next(target.host, target.port, give_up, resolving_);
    if (closed_)
        co_return stats::outcome::cancelled;
    if (!dial.endpoint) {
        // A remembered failure answers without suspending: yield once, so that a virtual user
        // retrying it never keeps its thread from the others.
        if (!dial.resolved)
            co_await asio::post(socket_.get_executor(), asio::use_awaitable);
        co_return closed_ ? stats::outcome::cancelled : stats::outcome::dns;
    }
    socket_ = tcp::socket(socket_.get_executor());
    timed_out_ = false;
    deadline_->arm(give_up);
    error_code ec;
    co_await socket_.async_connect(*dial.endpoint, asio::redirect_error(asio::use_awaitable, ec));
    deadline_->disarm();
    if (ec) {
        const auto kind = closed_      ? stats::outcome::cancelled
                          : timed_out_ ? stats::outcome::connect_timeout
                                       : stats::outcome::connect_refused;
        drop();
        co_return kind;
    }
    socket_.set_option(tcp::no_delay(true), ec);
    connected_ = true;
    co_return stats::outcome::ok;
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

void client_connection::drop() noexcept {
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
