#pragma once
/// The Redis driver's settings for one workload: `redis = { ... }`, one command per request on a
/// kept-open connection, its reply read with hiredis's RESP reader.
#include <optional>
#include <string>
#include <vector>

#include <faultline/core/clock.hpp>
#include <faultline/core/endpoint.hpp>
#include <faultline/drivers/driver_config.hpp>
#include <faultline/net/tls_settings.hpp>

namespace faultline::drivers {

struct redis_workload final : driver_config {
    core::host_port address;           ///< an address or a name, with a port
    std::vector<std::string> command;  ///< the command and its arguments, each a template
    nanoseconds connect_timeout = std::chrono::seconds(2);
    nanoseconds request_timeout = std::chrono::seconds(5);  ///< write plus read of one command
    std::optional<net::tls_settings> tls;                   ///< `tls = { ... }`: Redis over TLS
};

}  // namespace faultline::drivers
