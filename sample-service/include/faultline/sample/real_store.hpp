#pragma once
/// "--store real": GET /items/{id} is cache-aside over Redis then PostgreSQL, POST /orders
/// inserts into PostgreSQL, with the resilience knobs a drill turns on and off:
///
/// - a dependency timeout on every call (--dep-timeout) and retries (--retries);
/// - a circuit breaker per dependency (--breaker on; circuit_breaker.hpp);
/// - a bulkhead (--bulkhead on): each dependency's calls hold a slot of that dependency's own
///   pool of N, so a slow dependency exhausts its pool and not the request workers. Off, a
///   request keeps its request worker while it waits for its dependencies: a slow Redis then
///   holds every worker, and GET /static, which touches nothing, waits behind it (a cascade).
///
/// A failed or refused cache read falls back to PostgreSQL; PostgreSQL failing is a 503.
/// Dependency calls block (hiredis, libpq with poll) on a pool of threads of their own, never on
/// an io thread.
#include <memory>
#include <string>

#include <faultline/core/asio.hpp>
#include <faultline/core/endpoint.hpp>
#include <faultline/sample/circuit_breaker.hpp>
#include <faultline/sample/http_response.hpp>

namespace faultline::sample {

/// The flags of the real store.
struct real_store_options {
    std::string pg_conninfo;  ///< --pg: a libpq connection string (a loopback host)
    core::host_port redis;    ///< --redis: HOST:PORT (loopback)
    nanoseconds dep_timeout = std::chrono::seconds(1);
    unsigned retries = 0;  ///< extra attempts after a failed call
    bool breaker = false;
    breaker_settings breaker_config;
    bool bulkhead = false;
};

/// Counters for tests and diagnostics.
struct real_store_stats {
    std::uint64_t cache_hits = 0;
    std::uint64_t cache_failures = 0;  ///< cache calls that failed or were refused
    std::uint64_t db_failures = 0;
    std::uint64_t breaker_opened = 0;  ///< times any breaker opened
};

class worker_pool;

class real_store {
public:
    /// `workers` and `queue` size the bulkhead pools (as the request workers).
    real_store(real_store_options options, std::size_t workers, std::size_t queue);
    ~real_store();
    real_store(const real_store&) = delete;
    real_store& operator=(const real_store&) = delete;

    /// Creates the tables when missing (items 1..10000 "item-<id>", orders) through libpqxx.
    /// Throws std::runtime_error naming the server and what failed.
    static void prepare_schema(const std::string& conninfo);

    /// GET /items/{id}: 200 {"id","name","source":"cache"|"db"}, 404, or 503 when PostgreSQL
    /// cannot answer.
    asio::awaitable<http_response> get_item(std::string_view path);
    /// POST /orders: 201 {"order": id}, 400, or 503 when PostgreSQL cannot answer.
    asio::awaitable<http_response> create_order(std::string_view body);

    /// Stops the blocking threads (waiting for the calls in progress, each bounded by the
    /// dependency timeout) and closes the bulkhead pools. Call before the io_contexts go.
    void stop();

    const real_store_options& options() const noexcept { return options_; }
    real_store_stats stats() const;

private:
    struct dependency;
    template <class Result, class Call>
    asio::awaitable<expected<Result, std::string>> call(dependency& dep, Call&& blocking_call);
    template <class Result, class Call>
    asio::awaitable<expected<Result, std::string>> on_blocking_thread(Call& blocking_call);

    real_store_options options_;
    struct state;
    std::unique_ptr<state> state_;
};

}  // namespace faultline::sample
