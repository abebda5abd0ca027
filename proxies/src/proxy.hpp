#pragma once
// One named proxy as the control thread sees it: its listener, its toxics and their leases.
// Not thread-safe: proxy_server calls it on the control thread only.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <faultline/core/asio.hpp>
#include <faultline/proxies/proxy_server.hpp>

#include "proxy_address.hpp"
#include "proxy_shared.hpp"

namespace faultline::proxies {

/// Gives the data executor the next connection runs on.
using executor_picker = std::function<asio::any_io_executor()>;

class proxy {
public:
    proxy(std::string name, listen_address listen, upstream_address upstream,
          asio::any_io_executor control, executor_picker pick_data,
          const proxy_server_options& options, std::shared_ptr<net::name_cache> names);
    ~proxy();
    proxy(const proxy&) = delete;
    proxy& operator=(const proxy&) = delete;

    /// Binds the listen address and accepts; the bound address (real port) becomes listen().
    expected<void, proxy_error> start();
    /// Closes the listener (new connections are refused) and every open connection.
    void stop();

    const std::string& name() const { return shared_->name; }
    const std::string& listen() const { return listen_.text; }
    const std::string& upstream() const { return upstream_.text; }
    bool enabled() const { return acceptor_ != nullptr; }

    /// Moves the proxy to new addresses (stops it; the caller starts it again if wanted).
    void readdress(listen_address listen, upstream_address upstream);

    /// Every toxic, upstream ones first, each direction in the order added.
    std::vector<std::shared_ptr<const active_toxic>> toxics() const;
    std::shared_ptr<const active_toxic> find_toxic(const std::string& name) const;
    /// Adds or replaces (same name) `toxic` and publishes the lists to open connections.
    void put_toxic(std::shared_ptr<const active_toxic> toxic);
    /// Removes the toxic `name` (and its lease); false when there is none.
    bool remove_toxic(const std::string& name);
    void remove_all_toxics();

    /// Removes the toxic `name` when `after` has passed, unless the lease is renewed or dropped.
    void lease(const std::string& name, nanoseconds after);
    /// Time left on the lease of `name`, if it has one.
    std::optional<nanoseconds> lease_left(const std::string& name) const;

    proxy_traffic traffic() const;

private:
    struct lease_entry {
        std::shared_ptr<asio::steady_timer> timer;
        time_point deadline;
    };
    void publish();
    void drop_lease(const std::string& name);

    std::shared_ptr<proxy_shared> shared_;
    listen_address listen_;
    upstream_address upstream_;
    asio::any_io_executor control_;
    executor_picker pick_data_;
    std::shared_ptr<tcp::acceptor> acceptor_;
    toxic_lists toxics_;
    std::map<std::string, lease_entry> leases_;
    std::shared_ptr<int> alive_ = std::make_shared<int>(0);  // lease handlers check it
};

}  // namespace faultline::proxies
