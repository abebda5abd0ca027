#pragma once
/// The sample service as an object: bind, serve on io threads, stop. main.cpp and the tests
/// both run it through this class.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <faultline/core/asio.hpp>
#include <faultline/core/clock.hpp>
#include <faultline/sample/real_store.hpp>
#include <faultline/sample/worker_pool.hpp>

namespace faultline::sample {

/// Where the service keeps its data: in-process, or PostgreSQL and Redis (real_store.hpp).
enum class store_kind { memory, real };

/// Everything the command line sets. The defaults are the documented flag defaults.
struct server_options {
    std::string host = "127.0.0.1";  ///< must be a loopback address (checked by the caller)
    std::uint16_t port = 18080;      ///< 0: any free port; see server::port()
    std::size_t workers = 8;         ///< worker slots, ≥ 1
    nanoseconds service_time = std::chrono::milliseconds(2);  ///< how long a slot is held
    std::size_t queue = 10000;  ///< requests that may wait for a slot; more get 503 at once
    store_kind store = store_kind::memory;
    real_store_options real;  ///< with store_kind::real
    std::size_t threads = 1;  ///< io threads, ≥ 1
    nanoseconds idle_timeout =
        std::chrono::seconds(60);  ///< close after this long without a request
    /// Requests per second (> 0) admitted; those above get 503 with Retry-After: 1 at once.
    /// A token bucket with a burst of default_burst(rate); /health is never limited.
    /// Unset: no limit.
    std::optional<double> rate_limit;
    /// Bytes every request served by an endpoint other than /health leaks (a memory_leak,
    /// released only when the server is destroyed); 0: none.
    std::size_t leak_per_request = 0;
    /// From this long after the server was constructed, every request but /health is answered
    /// 500 at once (a target that breaks mid-run, for tests). Unset: never.
    std::optional<nanoseconds> fail_after;
};

/// Counters for tests and diagnostics.
struct server_stats {
    std::uint64_t accepted = 0;  ///< connections accepted since start
    std::size_t open = 0;        ///< connections open right now
    worker_pool_stats pool;
    std::uint64_t rate_limited = 0;  ///< requests answered 503 by the rate limit
    std::uint64_t leaked_bytes = 0;  ///< bytes leaked so far by leak_per_request
};

namespace detail {
struct service_state;
}

/// An HTTP/1.1 keep-alive server with a known capacity of workers / service_time requests per
/// second. One io_context per io thread, one coroutine per connection.
class server {
public:
    /// Prepares the server; nothing is bound until start().
    explicit server(server_options options);
    /// Stops the server if it runs.
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    /// Binds host:port, starts listening and starts the io threads; returns at once.
    /// Throws std::system_error (address in use, bad address) or std::logic_error when called
    /// twice. Call once per object.
    void start();

    /// Stops accepting, drops open connections and joins the io threads. In-flight requests
    /// get no answer. Idempotent; returns within milliseconds. Call from the owning thread.
    void stop();

    /// The bound port (the real one when options().port was 0); 0 before start().
    std::uint16_t port() const noexcept { return port_; }

    /// The options the server was made with.
    const server_options& options() const noexcept { return options_; }

    /// Counters right now; safe from any thread while the server runs.
    server_stats stats() const;

private:
    using work_guard = asio::executor_work_guard<asio::io_context::executor_type>;

    server_options options_;
    std::unique_ptr<detail::service_state> state_;  // outlives the io_contexts and their frames
    std::vector<std::unique_ptr<asio::io_context>> contexts_;
    std::vector<work_guard> guards_;
    std::vector<std::thread> threads_;
    std::uint16_t port_ = 0;
    bool stopped_ = false;
};

}  // namespace faultline::sample
