#pragma once
/// Loopback TCP servers with scripted behaviour (most of them misbehave on purpose), each on its
/// own thread and port.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <faultline/core/asio.hpp>

namespace faultline::test {

/// How the server treats each connection.
enum class behaviour {
    answer_ok,           ///< answers every request "200 ok" with keep-alive
    answer_close,        ///< answers "200 ok" with "Connection: close", then closes
    answer_slowly,       ///< keep-alive "200 ok": the head after slow_first_byte, the body
                         ///< slow_body_gap later
    never_answer,        ///< accepts, reads, never writes
    reset_mid_response,  ///< reads the request, writes half a response, then sends RST
    close_mid_response,  ///< reads the request, writes half a response, then closes (FIN)
    garbage,             ///< answers every request with bytes that are not HTTP
    echo,  ///< echoes every byte; when the client half-closes, echoes the rest and half-closes
};

/// behaviour::answer_slowly: how long the server waits after a request before its first byte,
/// and between the response's head and its body.
inline constexpr std::chrono::milliseconds slow_first_byte{40};
inline constexpr std::chrono::milliseconds slow_body_gap{20};

/// Listens on 127.0.0.1 port 0 until destroyed.
class loopback_server {
public:
    explicit loopback_server(behaviour kind);
    ~loopback_server();
    loopback_server(const loopback_server&) = delete;
    loopback_server& operator=(const loopback_server&) = delete;

    std::uint16_t port() const noexcept { return port_; }
    /// Connections accepted so far.
    std::size_t accepted() const noexcept { return accepted_.load(); }
    /// Connections that ended with a reset (RST) from the other side (echo only).
    std::size_t resets() const noexcept { return resets_.load(); }
    /// Every byte the server has read so far, of every connection (not for echo).
    std::string received() const;

private:
    asio::awaitable<void> accept_loop();
    asio::awaitable<void> serve(tcp::socket socket);
    asio::awaitable<void> echo(tcp::socket socket);

    behaviour kind_;
    asio::io_context ioc_;
    tcp::acceptor acceptor_;
    std::uint16_t port_ = 0;
    std::atomic<std::size_t> accepted_{0};
    std::atomic<std::size_t> resets_{0};
    mutable std::mutex received_mutex_;
    std::string received_;
    std::thread thread_;
};

}  // namespace faultline::test
