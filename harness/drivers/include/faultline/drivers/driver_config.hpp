#pragma once
/// What a workload's driver table says, once read: a type of each driver's own
/// (http_config.hpp, redis_config.hpp, postgres_config.hpp), opaque to the scenario, the engine
/// and the run, which pass it back to its driver's descriptor (driver_descriptor.hpp).
#include <optional>
#include <string>
#include <vector>

#include <faultline/core/endpoint.hpp>
#include <faultline/net/tls_settings.hpp>

namespace faultline::drivers {

/// The base of every driver's settings. Immutable once read; shared by every thread.
class driver_config {
public:
    virtual ~driver_config() = default;
};

/// What makes a response a success (a workload's `check`). Without a check any status below
/// 400 is ok. Drivers whose protocol has no status ignore it.
struct check_spec {
    std::vector<int> status;    ///< accepted statuses; empty = any status below 400
    std::string body_contains;  ///< empty = no body check
};

/// An address a workload connects to, for `faultline check`: TCP, or a Unix socket's path.
struct target_address {
    std::optional<core::host_port> tcp;
    std::string socket_path;  ///< set when tcp is not: "/run/postgresql/.s.PGSQL.5432"
    std::string role;         ///< what it is for, when not the workload's requests: "setup"
    std::optional<net::tls_settings> tls;  ///< set when the driver speaks TLS there
};

}  // namespace faultline::drivers
