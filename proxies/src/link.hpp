#pragma once
// One proxied connection: the client socket, the upstream socket, and per direction a reader, a
// toxic chain and a writer. All of it runs on the executor of the client socket (one data thread).
#include <cstdint>
#include <memory>

#include <faultline/core/asio.hpp>
#include <faultline/toxics/toxic_chain.hpp>

#include "proxy_shared.hpp"

namespace faultline::proxies {

class link : public std::enable_shared_from_this<link> {
public:
    link(std::shared_ptr<proxy_shared> proxy, tcp::socket client, std::uint64_t id);
    ~link();

    /// Dials the upstream (with the proxy's timeout) and starts moving bytes. Call once.
    void start();
    /// Follows the proxy's new toxics. Must run on the link's executor (post it there).
    void apply(const toxic_lists& lists);
    /// Ends the connection. Must run on the link's executor.
    void close(close_kind kind);

    asio::any_io_executor executor() { return client_.get_executor(); }

private:
    struct direction;

    asio::awaitable<void> run(std::shared_ptr<link> self);
    // Each coroutine holds `self`: the link lives while any of them runs.
    asio::awaitable<void> read_loop(std::shared_ptr<link> self, direction& d);
    asio::awaitable<void> write_loop(std::shared_ptr<link> self, direction& d);
    void finish_writing(direction& d);

    std::shared_ptr<proxy_shared> proxy_;
    tcp::socket client_;
    tcp::socket server_;
    std::uint64_t id_;
    bool closed_ = false;
    bool registered_ = false;
    bool dialing_ = false;
    asio::steady_timer resolving_;  // wakes the dial when the upstream's name resolves
    std::unique_ptr<direction> up_;
    std::unique_ptr<direction> down_;
};

}  // namespace faultline::proxies
