#pragma once
/// One entry of a target allow-list: a host name, a wildcard over a domain's subdomains, an IP
/// address, or a CIDR network.
#include <cstdint>
#include <string>
#include <string_view>

#include <faultline/core/asio.hpp>
#include <faultline/core/expected.hpp>

namespace faultline::net {

struct host_pattern {
    enum class kind {
        name,      ///< "api.staging.example.com": that name, wherever it resolves
        wildcard,  ///< "*.staging.example.com": any name below the domain (not the domain)
        address,   ///< "10.20.0.7", "fd00::7": that address
        network,   ///< "10.20.0.0/16", "fd00::/8": any address inside
    };
    kind what = kind::name;
    std::string text;            ///< as the user wrote it
    std::string name;            ///< name: lower case, no trailing dot; wildcard: ".domain"
    asio::ip::address network;   ///< address and network kinds
    unsigned prefix_length = 0;  ///< network kind: 0..32 or 0..128

    /// True when the name pattern allows `host` (a host name, any case, trailing dot or not).
    bool allows_name(std::string_view host) const;
    /// True when the address or network pattern allows `address`.
    bool allows_address(const asio::ip::address& address) const;
};

/// Parses a pattern; the error says what was expected and what is wrong, e.g.
/// "10.20.1.0/16: bits are set beyond the /16 prefix (the network is 10.20.0.0/16)".
expected<host_pattern, std::string> parse_host_pattern(std::string_view text);

}  // namespace faultline::net
