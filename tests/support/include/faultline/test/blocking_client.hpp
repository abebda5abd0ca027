#pragma once
/// A plain blocking TCP client for tests, where every operation has a timeout.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace faultline::test {

/// How a read ended.
enum class read_end { complete, closed, reset, timed_out };

/// One connection to 127.0.0.1:port. Not thread-safe.
class blocking_client {
public:
    /// Connects; throws std::runtime_error when it cannot within `timeout`.
    blocking_client(std::uint16_t port, std::chrono::milliseconds timeout);
    ~blocking_client();
    blocking_client(const blocking_client&) = delete;
    blocking_client& operator=(const blocking_client&) = delete;

    /// Sends all of `data`; false on error or timeout.
    bool send_all(std::string_view data, std::chrono::milliseconds timeout);
    /// Reads until `n` bytes arrived, the peer closed or reset, or `timeout` passed.
    read_end read_exactly(std::size_t n, std::string& out, std::chrono::milliseconds timeout);
    /// Reads until the peer closes (FIN or RST) or `timeout` passes.
    read_end read_until_closed(std::string& out, std::chrono::milliseconds timeout);
    /// Half-closes our side (FIN).
    void shutdown_send();
    /// Closes with RST.
    void reset();

private:
    read_end read_some(std::string& out, std::chrono::steady_clock::time_point deadline,
                       std::size_t limit);
    int fd_ = -1;
};

/// What happens to a fresh connection that sends nothing.
enum class connection_fate { refused, stays_open, closed, reset };

/// Connects to 127.0.0.1:port and watches the connection for `timeout`.
connection_fate probe_connection(std::uint16_t port, std::chrono::milliseconds timeout);

}  // namespace faultline::test
