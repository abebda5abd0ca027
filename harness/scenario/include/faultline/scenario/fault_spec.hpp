#pragma once
/// [[faults]]: the fault timeline of a drill, as plain data. Times count from the start of the
/// load (the run's clock, as in steps[] and timeline.csv).
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <faultline/core/clock.hpp>
#include <faultline/faults/proxy_outage.hpp>
#include <faultline/scenario/toxic_spec.hpp>

namespace faultline::scenario {

/// A toxic added to a scenario proxy for the fault's span.
struct toxic_fault {
    std::string proxy;
    toxic_spec toxic;
};

/// How long each toxic on a standalone proxy is leased for; renewed every third of it.
inline constexpr auto default_lease = std::chrono::seconds(5);

/// How a proxy outage looks to the clients and to the dependency behind it.
/// The outage kinds are the fault module's own.
using outage_kind = faults::proxy_outage;

struct outage_fault {
    std::string proxy;
    outage_kind kind = outage_kind::refuse;
};

enum class process_action {
    kill,     ///< SIGKILL to the service's process group; started again after restart_after
    pause,    ///< SIGSTOP to its process group; SIGCONT at the fault's end
    restart,  ///< SIGTERM (SIGKILL after stop_timeout), then started again at once
};

struct process_fault {
    std::string service;
    process_action action = process_action::kill;
    std::optional<nanoseconds> restart_after;  ///< kill only; unset: stays down until the end
};

/// A command run at the fault's start (it must exit 0 within `timeout`), and `undo` at its end.
struct command_fault {
    std::vector<std::string> command;
    std::vector<std::string> undo;  ///< empty: nothing to undo
    nanoseconds timeout = std::chrono::seconds(10);
};

using fault_action = std::variant<toxic_fault, outage_fault, process_fault, command_fault>;

struct fault_spec {
    std::string name;  ///< unique; default "<target>-<kind>" ("cache-refuse", "db-kill")
    nanoseconds at{0};
    /// Unset: until the run ends (a kill without restart_after, or a fault meant to stay).
    std::optional<nanoseconds> duration;
    fault_action action;
    /// The dependency the fault hits, for the cascade analysis: the proxy or service name (empty
    /// for a command).
    std::string target;
    std::string kind;  ///< "latency" (the toxic type), "refuse", "kill", "pause", "command", ...
    /// On a standalone proxy: the lease of its toxics (they expire by themselves this long after
    /// the run stops renewing them).
    nanoseconds lease = default_lease;
};

std::string to_string(process_action action);

}  // namespace faultline::scenario
