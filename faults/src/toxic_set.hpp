#pragma once
// Toxics a fault adds to one proxy together and removes together.
#include <string>
#include <vector>

#include <faultline/faults/proxy_effects.hpp>

namespace faultline::faults {

class toxic_set {
public:
    toxic_set(proxies::proxy_server& server, std::string proxy,
              std::vector<proxies::toxic_request> toxics)
        : server_(server), proxy_(std::move(proxy)), toxics_(std::move(toxics)) {}

    /// Adds every toxic; on a failure removes those already added.
    expected<void, std::string> add();
    /// Removes every toxic added; the first error is returned, the others still removed.
    expected<void, std::string> remove() noexcept;
    /// Summed counts of the toxics (connections, pieces, bytes, actions).
    touch_counts touched() const;

private:
    proxies::toxic_counts current() const;

    proxies::proxy_server& server_;
    std::string proxy_;
    std::vector<proxies::toxic_request> toxics_;
    std::size_t added_ = 0;
    proxies::toxic_counts last_;  ///< counts as last read, kept once the toxics are gone
};

/// The outage kinds made of toxics (blackhole, reset).
std::unique_ptr<fault_effect> make_toxic_outage(proxies::proxy_server& server, std::string proxy,
                                                proxy_outage kind, const std::string& name);

}  // namespace faultline::faults
