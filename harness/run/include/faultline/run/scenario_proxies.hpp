#pragma once
// A scenario's [[proxies]], run in-process for the length of a run.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <faultline/core/expected.hpp>
#include <faultline/faults/proxy_control.hpp>
#include <faultline/proxies/proxy_server.hpp>
#include <faultline/scenario/scenario.hpp>

namespace faultline::run {

/// Owns the proxy server of a run. Destroying it closes every proxy and connection, so no toxic
/// and no disabled proxy outlives the run, however the run ends.
class scenario_proxies {
public:
    /// Starts every proxy with its toxics. An error names the proxy and why (a port taken).
    static expected<std::unique_ptr<scenario_proxies>, std::string> start(
        const std::vector<scenario::proxy_spec>& specs);
    ~scenario_proxies();

    /// The control a fault on proxy `name` acts through: in-process for the run's own proxies,
    /// over the HTTP API (with leased toxics) for a standalone one. Throws std::logic_error for
    /// a name the scenario does not declare (the loader refuses such faults).
    faults::proxy_control& control_of(const std::string& name);

    /// The threads the proxies use (the engine gets the rest of the cores).
    static constexpr unsigned threads = 1;

private:
    scenario_proxies() = default;
    std::unique_ptr<proxies::proxy_server> server_;
    std::unique_ptr<faults::proxy_control> own_;  ///< the in-process server's
    std::map<std::string, std::unique_ptr<faults::proxy_control>> standalone_;
};

}  // namespace faultline::run
