#pragma once
/// How a workload speaks TLS: `tls = { ... }` beside an https:// URL or a Redis address.
#include <optional>
#include <string>
#include <string_view>

namespace faultline::net {

enum class tls_version { v1_2, v1_3 };

/// "1.2" or "1.3".
std::optional<tls_version> parse_tls_version(std::string_view text) noexcept;

struct tls_settings {
    std::string ca;           ///< PEM file of the CAs to trust; empty: the system's trust store
    std::string server_name;  ///< SNI and the name the certificate must match; empty: the host
    bool insecure = false;    ///< accept any certificate (never with `ca`)
    std::string cert;         ///< PEM client certificate (mutual TLS), with `key`
    std::string key;          ///< PEM private key of `cert`
    tls_version min_version = tls_version::v1_2;
    bool resume = true;  ///< offer the previous connection's session when reconnecting

    friend bool operator==(const tls_settings&, const tls_settings&) = default;
};

}  // namespace faultline::net
