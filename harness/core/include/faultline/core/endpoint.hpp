#pragma once
/// "host:port" endpoints: a literal IPv4 or IPv6 address, "localhost", or a DNS host name. Which
/// hosts a run may reach is the allow-list's business (net::allow_list), not the parser's.
#include <cstdint>
#include <string>
#include <string_view>

#include <faultline/core/expected.hpp>

namespace faultline::core {

/// A parsed "host:port". `host` is a literal address (IPv6 without brackets), "localhost" or a
/// host name; port 0 means "any free port" where a listener is meant.
struct host_port {
    std::string host;
    std::uint16_t port = 0;

    std::string to_string() const;
    friend bool operator==(const host_port&, const host_port&) = default;
};

/// Parses "127.0.0.1:8080", "localhost:80", "[::1]:80" or "db.internal:5432". The port is
/// required.
expected<host_port, std::string> parse_host_port(std::string_view text);

/// True for 127.0.0.0/8, ::1 and "localhost": always allowed as a target.
bool is_loopback_host(std::string_view host);

/// True for a literal IPv4 or IPv6 address (without brackets).
bool is_ip_literal(std::string_view host);

/// True for a DNS host name: dot-separated labels of letters, digits, '-' and '_' (Compose
/// service names use it), each 1 to 63 characters not starting or ending with '-', 253 at most
/// in all, one trailing dot allowed. An all-numeric name such as "1.2.3" is not one.
bool is_host_name(std::string_view host);

/// The numeric address to connect to: "localhost" becomes "127.0.0.1".
std::string numeric_host(std::string_view host);

}  // namespace faultline::core
