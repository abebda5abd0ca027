#pragma once
/// The fault proxy's control plane: named proxies (a listener in front of an upstream) and their
/// toxics, with Toxiproxy's rules. The HTTP API, `faultline proxy` and `faultline run` all drive
/// proxies through this one class.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <faultline/core/asio.hpp>
#include <faultline/core/clock.hpp>
#include <faultline/core/expected.hpp>
#include <faultline/proxies/proxy_error.hpp>
#include <faultline/toxics/toxic_request.hpp>
#include <faultline/toxics/toxic_settings.hpp>

namespace faultline::proxies {

/// POST /proxies and each entry of /populate. Empty strings are "not given".
struct proxy_request {
    std::string name;
    std::string listen;    ///< "host:port"; an empty host binds 127.0.0.1; port 0 picks a free one
    std::string upstream;  ///< "host:port" of the server behind the proxy
    bool enabled = true;
};

/// PATCH/POST /proxies/{name}: only the given fields change.
struct proxy_patch {
    std::optional<std::string> listen;
    std::optional<std::string> upstream;
    std::optional<bool> enabled;
};

/// PATCH/POST /proxies/{name}/toxics/{toxic}: attributes merge over the current ones.
struct toxic_patch {
    std::optional<double> toxicity;
    attribute_map attributes;
    std::optional<nanoseconds> expires_in;  ///< a new lease counted from now
};

/// A snapshot of a toxic's counters.
struct toxic_counts {
    std::uint64_t connections = 0;
    std::uint64_t pieces = 0;
    std::uint64_t bytes = 0;
    std::uint64_t actions = 0;
};

/// A toxic as the API shows it.
struct toxic_view {
    toxic_settings settings;
    toxic_counts counts;
    std::optional<nanoseconds> expires_after;  ///< time left on its lease
};

/// Traffic through a proxy since it was created.
struct proxy_traffic {
    std::uint64_t bytes_upstream = 0;    ///< client → server
    std::uint64_t bytes_downstream = 0;  ///< server → client
    std::uint64_t connections_accepted = 0;
    std::uint64_t connections_open = 0;
    std::uint64_t upstream_dial_failures = 0;
};

/// A proxy as the API shows it. `listen` is the bound address (the real port when 0 was asked).
struct proxy_view {
    std::string name;
    std::string listen;
    std::string upstream;
    bool enabled = false;
    std::vector<toxic_view>
        toxics;  ///< upstream toxics first, then downstream, each in order added
    proxy_traffic traffic;
};

struct proxy_server_options {
    unsigned data_threads = 1;                           ///< threads that move bytes
    nanoseconds dial_timeout = std::chrono::seconds(5);  ///< connecting to the upstream
    std::size_t max_buffered_bytes = 4u
                                     << 20;  ///< per direction, held by toxics before reads pause
    /// How long an upstream name's addresses are kept; 0 (the default) resolves at every dial,
    /// as Toxiproxy does, so a name follows its host (a restarted Compose container).
    nanoseconds dns_ttl{0};
};

/// Owns every proxy, its listener and its connections, a control thread (listeners, leases) and
/// the data threads. All methods are thread-safe and never wait on the data path: toxic changes
/// are posted to the open connections, which apply them between two chunks.
class proxy_server {
public:
    explicit proxy_server(proxy_server_options options = {});
    /// Closes every listener and connection and joins the threads.
    ~proxy_server();
    proxy_server(const proxy_server&) = delete;
    proxy_server& operator=(const proxy_server&) = delete;

    /// 201 in the API. Errors: missing_field, proxy_exists, bad_request_body (bad address),
    /// listen_failed.
    expected<proxy_view, proxy_error> create(const proxy_request& request);

    /// Toxiproxy's /populate: validates every entry first; then an existing proxy with the same
    /// listen and upstream is kept (its enabled state set), one that differs is replaced, a new
    /// one is created. Proxies not named are left alone. Returns the named proxies in order.
    expected<std::vector<proxy_view>, proxy_error> populate(const std::vector<proxy_request>& list);

    std::vector<proxy_view> list() const;
    expected<proxy_view, proxy_error> find(const std::string& name) const;
    /// A changed listen or upstream restarts the proxy (open connections close); enabled=false
    /// closes the listener and every open connection, enabled=true listens again.
    expected<proxy_view, proxy_error> update(const std::string& name, const proxy_patch& patch);
    expected<void, proxy_error> remove(const std::string& name);

    expected<std::vector<toxic_view>, proxy_error> toxics(const std::string& proxy) const;
    expected<toxic_view, proxy_error> find_toxic(const std::string& proxy,
                                                 const std::string& toxic) const;
    expected<toxic_view, proxy_error> add_toxic(const std::string& proxy,
                                                const toxic_request& request);
    expected<toxic_view, proxy_error> update_toxic(const std::string& proxy,
                                                   const std::string& toxic,
                                                   const toxic_patch& patch);
    expected<void, proxy_error> remove_toxic(const std::string& proxy, const std::string& toxic);

    /// Enables every proxy and removes every toxic (POST /reset).
    void reset();

    /// The control thread's executor (listeners and leases run there).
    asio::any_io_executor control_executor() const;

private:
    struct state;
    std::unique_ptr<state> state_;
};

}  // namespace faultline::proxies
