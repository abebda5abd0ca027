#pragma once
/// The control API over HTTP/1.1: Beast, keep-alive, on its own io_context and thread.
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include <faultline/core/asio.hpp>
#include <faultline/core/clock.hpp>
#include <faultline/core/expected.hpp>
#include <faultline/proxies/proxy_server.hpp>

namespace faultline::proxy_api {

/// How api_server listens and what it allows.
struct api_server_options {
    std::string listen = "127.0.0.1:8474";  ///< "host:port"; port 0 picks a free one
    std::string token;                      ///< required for a non-loopback host
    std::string version = "unknown";        ///< answered by GET /version
    std::size_t max_connections = 256;      ///< further connections are closed at once
    /// Time allowed to receive one whole request (and for an idle keep-alive connection to send
    /// its next one); a slower client is disconnected (slowloris).
    nanoseconds read_timeout = std::chrono::seconds(10);
    nanoseconds write_timeout = std::chrono::seconds(10);  ///< to write one answer
};

/// Serves the API for one proxy_server on a thread of its own. The handler runs on that thread;
/// it never waits on the proxies' data path.
class api_server {
public:
    /// Binds and starts serving. Errors (a message for the user): a malformed address, a
    /// non-loopback host without a token, the port taken or any other bind failure.
    /// `proxies` must outlive the server.
    static expected<std::unique_ptr<api_server>, std::string> start(proxies::proxy_server& proxies,
                                                                    api_server_options options);

    /// Stops: closes the listener and every connection and joins the thread.
    ~api_server();
    api_server(const api_server&) = delete;
    api_server& operator=(const api_server&) = delete;

    /// The bound address (the real port when 0 was asked).
    tcp::endpoint endpoint() const;
    /// The bound address as "host:port" ("[::1]:8474" for IPv6).
    std::string address() const;
    /// API connections open now.
    std::size_t open_connections() const;
    /// Connections closed at once because max_connections were open.
    std::size_t refused_connections() const;

    /// Stops serving (idempotent; the destructor calls it).
    void stop();

    /// The server's state; named here only so the implementation's helpers can refer to it.
    struct impl;

private:
    explicit api_server(std::unique_ptr<impl> state);
    std::unique_ptr<impl> impl_;
};

}  // namespace faultline::proxy_api
