#pragma once
// What the links of one proxy share with it: where to dial, the current toxics, traffic
// counters, and the registry of open links (so toxic changes and outages reach them).
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

#include <faultline/core/asio.hpp>
#include <faultline/core/endpoint.hpp>
#include <faultline/net/name_cache.hpp>
#include <faultline/toxics/toxic_settings.hpp>

namespace faultline::proxies {

class link;

/// The toxics of both directions, published together.
struct toxic_lists {
    toxic_list upstream;
    toxic_list downstream;
};

/// What a link starts with.
struct link_start {
    std::shared_ptr<const toxic_lists> toxics;
    core::host_port upstream;
};

struct proxy_shared {
    std::string name;
    nanoseconds dial_timeout{};
    std::size_t max_buffered_bytes = 0;
    std::shared_ptr<net::name_cache> names;  ///< resolves upstream names at each dial

    std::atomic<std::uint64_t> bytes_upstream{0};
    std::atomic<std::uint64_t> bytes_downstream{0};
    std::atomic<std::uint64_t> accepted{0};
    std::atomic<std::uint64_t> open{0};
    std::atomic<std::uint64_t> dial_failures{0};
    std::atomic<std::uint64_t> next_connection{0};

    /// Registers `l` and returns the toxics and upstream it starts with, atomically with respect
    /// to publish().
    link_start join(std::uint64_t id, const std::shared_ptr<link>& l);
    /// Where new links dial (set by the control thread, read by links under the lock).
    void set_upstream(core::host_port upstream);
    void leave(std::uint64_t id);
    /// Sets the toxics and posts them to every open link; never waits for the links.
    void publish(std::shared_ptr<const toxic_lists> lists);
    /// Posts a close to every open link.
    void close_all();
    std::shared_ptr<const toxic_lists> toxics() const;

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const toxic_lists> toxics_ = std::make_shared<toxic_lists>();
    core::host_port upstream_;
    std::unordered_map<std::uint64_t, std::weak_ptr<link>> links_;
};

}  // namespace faultline::proxies
