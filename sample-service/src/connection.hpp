#pragma once
// Private to the library: what all connections share, and the per-connection coroutine.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

#include <faultline/core/asio.hpp>
#include <faultline/sample/handlers.hpp>
#include <faultline/sample/memory_leak.hpp>
#include <faultline/sample/server.hpp>
#include <faultline/sample/session_table.hpp>
#include <faultline/sample/store.hpp>
#include <faultline/sample/worker_pool.hpp>

#include "rate_limit.hpp"

namespace faultline::sample::detail {

// Owned by the server; outlives every connection coroutine.
struct service_state {
    explicit service_state(const server_options& options)
        : pool(options.workers, options.queue, options.service_time),
          data(std::make_unique<memory_store>()),
          real(options.store == store_kind::real
                   ? std::make_unique<real_store>(options.real, options.workers, options.queue)
                   : nullptr),
          logic(*data, sessions),
          idle_timeout(options.idle_timeout),
          limit(options.rate_limit),
          leak(options.leak_per_request),
          fail_from(options.fail_after ? std::optional(clock::now() + *options.fail_after)
                                       : std::nullopt) {}

    worker_pool pool;
    std::unique_ptr<store> data;
    std::unique_ptr<real_store> real;  ///< --store real: items and orders go there
    session_table sessions;
    handlers logic;
    nanoseconds idle_timeout;
    rate_limit limit;
    memory_leak leak;
    std::optional<clock::time_point> fail_from;  ///< --fail-after: failing on purpose from here
    std::atomic<std::uint64_t> accepted{0};
    std::atomic<std::size_t> open{0};
};

// Serves requests on `socket` until the client closes, the idle timeout passes, a request is
// malformed or asks to close. Runs on the socket's executor, which must be single-threaded.
asio::awaitable<void> serve_connection(tcp::socket socket, service_state& state);

}  // namespace faultline::sample::detail
