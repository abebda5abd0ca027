#pragma once
// What `faultline check` looks at: every address a run of the scenario connects to or listens on.
#include <optional>
#include <string>
#include <vector>

#include <faultline/core/endpoint.hpp>
#include <faultline/net/tls_settings.hpp>
#include <faultline/scenario/scenario.hpp>

namespace faultline::cli {

/// One address and who uses it.
struct check_target {
    /// TCP: the host as written (an address or a name; "localhost" is 127.0.0.1) and port.
    /// Unset for a Unix socket.
    std::optional<core::host_port> tcp;
    /// Set when a workload speaks TLS there (its `tls` settings): check does the handshake.
    std::optional<net::tls_settings> tls;
    std::string socket_path;  ///< a PostgreSQL Unix socket ("/run/postgresql/.s.PGSQL.5432")
    /// The run starts what listens here (a service's ready address, an owned proxy's listen):
    /// nothing may listen there before the run (the run stops with exit 3), and whatever
    /// connects to it waits for the run.
    bool started_by_run = false;
    /// "service sample (ready)", "proxy db (upstream)", "workload items", ... in scenario order.
    std::vector<std::string> users;

    /// "127.0.0.1:6379" or the socket path.
    std::string address() const { return tcp ? tcp->to_string() : socket_path; }
};

/// Every address of `sc`, each once, in the order of first use: the services' ready addresses;
/// each proxy's listen (owned proxies), upstream and api (standalone proxies); each workload's
/// targets (HTTP url and setup url, Redis address, PostgreSQL host and port from its conninfo).
std::vector<check_target> check_targets(const scenario::scenario& sc);

}  // namespace faultline::cli
