#include <vector>

#include <faultline/core/spawn.hpp>
#include <faultline/test/loopback_server.hpp>

namespace faultline::test {

loopback_server::loopback_server(behaviour kind)
    : kind_(kind), acceptor_(ioc_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    port_ = acceptor_.local_endpoint().port();
    core::spawn(ioc_.get_executor(), accept_loop(), "loopback accept");
    thread_ = std::thread([this] { ioc_.run(); });
}

loopback_server::~loopback_server() {
    ioc_.stop();
    thread_.join();
}

asio::awaitable<void> loopback_server::accept_loop() {
    for (;;) {
        error_code ec;
        tcp::socket socket =
            co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return;
        ++accepted_;
        core::spawn(ioc_.get_executor(), serve(std::move(socket)), "loopback serve");
    }
}

asio::awaitable<void> loopback_server::echo(tcp::socket socket) {
    std::vector<char> buffer(64 * 1024);
    for (;;) {
        error_code ec;
        std::size_t n = co_await socket.async_read_some(
            asio::buffer(buffer), asio::redirect_error(asio::use_awaitable, ec));
        if (ec == asio::error::eof) {
            socket.shutdown(tcp::socket::shutdown_send, ec);
            co_return;
        }
        if (!ec) {
            co_await asio::async_write(socket, asio::buffer(buffer.data(), n),
                                       asio::redirect_error(asio::use_awaitable, ec));
        }
        if (ec) {
            if (ec == asio::error::connection_reset || ec == asio::error::broken_pipe)
                ++resets_;
            co_return;
        }
    }
}

std::string loopback_server::received() const {
    std::lock_guard lock(received_mutex_);
    return received_;
}

asio::awaitable<void> loopback_server::serve(tcp::socket socket) {
    if (kind_ == behaviour::echo) {
        co_await echo(std::move(socket));
        co_return;
    }
    char buffer[4096];
    for (;;) {
        error_code ec;
        std::size_t n = co_await socket.async_read_some(
            asio::buffer(buffer), asio::redirect_error(asio::use_awaitable, ec));
        if (ec || n == 0)
            co_return;
        {
            std::lock_guard lock(received_mutex_);
            received_.append(buffer, n);
        }
        if (kind_ == behaviour::never_answer)
            continue;
        if (kind_ == behaviour::answer_ok) {
            static const std::string ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
            co_await asio::async_write(socket, asio::buffer(ok),
                                       asio::redirect_error(asio::use_awaitable, ec));
            continue;
        }
        if (kind_ == behaviour::answer_close) {
            static const std::string ok =
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
            co_await asio::async_write(socket, asio::buffer(ok),
                                       asio::redirect_error(asio::use_awaitable, ec));
            socket.shutdown(tcp::socket::shutdown_send, ec);
            continue;  // reads on until the client closes
        }
        if (kind_ == behaviour::answer_slowly) {
            // Without NODELAY, Nagle holds the body until the client's delayed ACK (~40 ms).
            socket.set_option(tcp::no_delay(true), ec);
            static const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n";
            asio::steady_timer pause(socket.get_executor(), slow_first_byte);
            co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            co_await asio::async_write(socket, asio::buffer(head),
                                       asio::redirect_error(asio::use_awaitable, ec));
            pause.expires_after(slow_body_gap);
            co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            co_await asio::async_write(socket, asio::buffer("ok", 2),
                                       asio::redirect_error(asio::use_awaitable, ec));
            continue;
        }
        if (kind_ == behaviour::garbage) {
            static const std::string junk = "SSH-2.0-OpenSSH_9.2\r\n\r\n";
            co_await asio::async_write(socket, asio::buffer(junk),
                                       asio::redirect_error(asio::use_awaitable, ec));
            continue;
        }
        static const std::string half = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789";
        co_await asio::async_write(socket, asio::buffer(half),
                                   asio::redirect_error(asio::use_awaitable, ec));
        if (kind_ == behaviour::reset_mid_response) {
            socket.set_option(asio::socket_base::linger(true, 0), ec);  // close sends RST
        }
        socket.close(ec);
        co_return;
    }
}

}  // namespace faultline::test
