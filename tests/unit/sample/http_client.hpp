#pragma once
// A blocking HTTP/1.1 test client over loopback with a bound on every wait. It parses responses
// on its own (not with the server's parser) so the tests check the wire format independently.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <faultline/core/asio.hpp>
#include <faultline/sample/server.hpp>

namespace faultline::sample::testing {

using namespace std::chrono_literals;

// Options for a server under test: 127.0.0.1, port 0, the given capacity.
inline server_options loopback_options(std::size_t workers, nanoseconds service_time,
                                       std::size_t queue = 10000) {
    server_options options;
    options.port = 0;
    options.workers = workers;
    options.service_time = service_time;
    options.queue = queue;
    return options;
}

// One parsed response.
struct response {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    // The first header called `name` (case-insensitive), or "" when absent.
    std::string header(std::string_view name) const;
};

// "METHOD path HTTP/1.1" with a Host header, `extra` header lines ("Name: v\r\n") and a body
// (with its Content-Length when not empty).
std::string request_text(std::string_view method, std::string_view path,
                         std::string_view extra = {}, std::string_view body = {});

// One TCP connection to 127.0.0.1:port, with its own io_context driven only inside calls.
class http_client {
public:
    // Connects within 2 s or throws.
    explicit http_client(std::uint16_t port);

    // Writes all of `raw` within 2 s or throws.
    void send(std::string_view raw);

    // The next response, or nothing when the connection closed or `timeout` passed first.
    std::optional<response> read_response(std::chrono::milliseconds timeout = 5s);

    // Sends one request and reads its response.
    std::optional<response> exchange(std::string_view method, std::string_view path,
                                     std::string_view extra = {}, std::string_view body = {});

    // True when the server closes the connection (end of stream or reset) within `timeout`;
    // bytes that arrive meanwhile are kept for read_response.
    bool wait_closed(std::chrono::milliseconds timeout);

    // Closes the socket at once (a client that gives up).
    void close();

private:
    // Reads more bytes into buffer_; false on end of stream, error or timeout.
    bool read_some(std::chrono::steady_clock::time_point deadline);
    std::optional<response> take_response();

    asio::io_context ioc_;
    tcp::socket socket_;
    std::string buffer_;
    bool closed_by_peer_ = false;
};

}  // namespace faultline::sample::testing
