#pragma once
/// "host:port" endpoints, restricted to loopback: faultline never sends load or faults elsewhere.
#include <cstdint>
#include <string>
#include <string_view>

#include <faultline/core/expected.hpp>

namespace faultline::core {

/// A parsed "host:port". `host` is a literal address or "localhost"; port 0 means "any free port"
/// where a listener is meant.
struct host_port {
    std::string host;
    std::uint16_t port = 0;

    std::string to_string() const;
    friend bool operator==(const host_port&, const host_port&) = default;
};

/// Parses "127.0.0.1:8080", "localhost:80" or "[::1]:80". The port is required.
expected<host_port, std::string> parse_host_port(std::string_view text);

/// True for 127.0.0.0/8, ::1 and "localhost": the only addresses faultline targets.
bool is_loopback_host(std::string_view host);

/// The numeric address to connect to: "localhost" becomes "127.0.0.1".
std::string numeric_host(std::string_view host);

}  // namespace faultline::core
