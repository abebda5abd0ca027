#pragma once
// A scenario's [[proxies]], run in-process for the length of a run.
#include <memory>
#include <string>
#include <vector>

#include <faultline/core/expected.hpp>
#include <faultline/proxies/proxy_server.hpp>
#include <faultline/scenario/scenario.hpp>

namespace faultline::app {

/// Owns the proxy server of a run. Destroying it closes every proxy and connection, so no toxic
/// and no disabled proxy outlives the run, however the run ends.
class scenario_proxies {
public:
    /// Starts every proxy with its toxics. An error names the proxy and why (a port taken).
    static expected<std::unique_ptr<scenario_proxies>, std::string> start(
        const std::vector<scenario::proxy_spec>& specs);
    ~scenario_proxies();

    /// The server the run's faults act on; null when the scenario has no proxies.
    proxies::proxy_server* server() const { return server_.get(); }

    /// The threads the proxies use (the engine gets the rest of the cores).
    static constexpr unsigned threads = 1;

private:
    scenario_proxies() = default;
    std::unique_ptr<proxies::proxy_server> server_;
};

}  // namespace faultline::app
