#include <chrono>
#include <stdexcept>
#include <utility>

#include <spdlog/spdlog.h>

#include <faultline/core/endpoint.hpp>
#include <faultline/core/spawn.hpp>
#include <faultline/sample/server.hpp>

#include "connection.hpp"

namespace faultline::sample {
namespace {

// Accepts connections and deals them round-robin to the io threads' contexts.
asio::awaitable<void> accept_loop(tcp::acceptor acceptor,
                                  std::vector<asio::any_io_executor> executors,
                                  detail::service_state& state) {
    asio::steady_timer backoff(acceptor.get_executor());
    for (std::size_t next = 0;; ++next) {
        const asio::any_io_executor target = executors[next % executors.size()];
        error_code ec;
        auto token = asio::redirect_error(asio::use_awaitable, ec);
        tcp::socket socket = co_await acceptor.async_accept(target, token);
        if (ec == asio::error::operation_aborted || !acceptor.is_open())
            co_return;
        if (ec) {  // e.g. out of file descriptors: wait a little rather than spin
            backoff.expires_after(std::chrono::milliseconds(10));
            co_await backoff.async_wait(token);
            continue;
        }
        state.accepted.fetch_add(1, std::memory_order_relaxed);
        socket.set_option(tcp::no_delay(true), ec);
        core::spawn(target, detail::serve_connection(std::move(socket), state),
                    "faultline-sample connection");
    }
}

}  // namespace

server::server(server_options options)
    : options_(std::move(options)), state_(std::make_unique<detail::service_state>(options_)) {}

server::~server() {
    stop();
}

void server::start() {
    if (!contexts_.empty())
        throw std::logic_error("faultline::sample::server::start called twice");
    const std::size_t threads = options_.threads > 0 ? options_.threads : 1;
    std::vector<asio::any_io_executor> executors;
    for (std::size_t i = 0; i < threads; ++i) {
        contexts_.push_back(std::make_unique<asio::io_context>(1));
        guards_.push_back(asio::make_work_guard(*contexts_.back()));
        executors.emplace_back(contexts_.back()->get_executor());
    }
    const tcp::endpoint where(asio::ip::make_address(core::numeric_host(options_.host)),
                              options_.port);
    tcp::acceptor acceptor(*contexts_.front());
    acceptor.open(where.protocol());
    acceptor.set_option(tcp::acceptor::reuse_address(true));
    acceptor.bind(where);
    acceptor.listen(asio::socket_base::max_listen_connections);
    port_ = acceptor.local_endpoint().port();
    core::spawn(contexts_.front()->get_executor(),
                accept_loop(std::move(acceptor), std::move(executors), *state_),
                "faultline-sample accept");
    for (auto& context : contexts_) {
        threads_.emplace_back([io = context.get()] {
            try {
                io->run();
            } catch (const std::exception& e) {
                spdlog::error("faultline-sample io thread stopped: {}", e.what());
            }
        });
    }
}

void server::stop() {
    if (stopped_ || contexts_.empty())
        return;
    stopped_ = true;
    for (auto& context : contexts_)
        context->stop();
    for (auto& thread : threads_)
        thread.join();
    threads_.clear();
    // No thread runs now. Destroying the contexts destroys the suspended coroutines, whose
    // guards hand their slots back to a closed pool that wakes nobody.
    state_->pool.close();
    if (state_->real)
        state_->real->stop();
    guards_.clear();
    contexts_.clear();
}

server_stats server::stats() const {
    return server_stats{state_->accepted.load(std::memory_order_relaxed),
                        state_->open.load(std::memory_order_relaxed), state_->pool.stats(),
                        state_->limit.refused(), state_->leak.leaked_bytes()};
}

}  // namespace faultline::sample
