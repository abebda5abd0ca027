#pragma once
/// Faults on a standalone proxy (a `faultline proxy` or Toxiproxy the run does not own), through
/// its control API. Each toxic is added with a lease (`expires_in`, faultline's extra) that a
/// thread of the effect renews every third of it while the fault lasts: if the run dies, the
/// proxy removes the toxics itself when the lease runs out.
#include <memory>
#include <string>
#include <vector>

#include <faultline/core/clock.hpp>
#include <faultline/faults/fault_effect.hpp>
#include <faultline/faults/proxy_effects.hpp>
#include <faultline/proxies/proxy_server.hpp>

namespace faultline::faults {

/// Where the standalone proxy's API is.
struct proxy_api_target {
    std::string base_url;  ///< "127.0.0.1:8474"
    std::string token;     ///< bearer token; empty: none
    std::string proxy;     ///< the proxy's name there
};

/// `toxics` (names required) added together and removed together. Touched: the toxics'
/// counters as the API reports them (connections, pieces, bytes, actions).
std::unique_ptr<fault_effect> make_leased_toxic_effect(proxy_api_target target,
                                                       std::vector<proxies::toxic_request> toxics,
                                                       nanoseconds lease);

/// The toxics that make a blackhole or a reset outage named `name` (see proxy_effects.hpp).
std::vector<proxies::toxic_request> outage_toxics(proxy_outage kind, const std::string& name);

}  // namespace faultline::faults
