#pragma once
/// Which hosts a run may send traffic to: loopback always, anything else only when a pattern of
/// the scenario's `[targets] allow` or of `--allow-host` allows it. A guard against loading the
/// wrong system by mistake, applied by `validate`, `check` and `run` alike.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <faultline/core/asio.hpp>
#include <faultline/core/expected.hpp>
#include <faultline/net/host_pattern.hpp>

namespace faultline::net {

class allow_list {
public:
    void add(host_pattern pattern) { patterns_.push_back(std::move(pattern)); }
    const std::vector<host_pattern>& patterns() const { return patterns_; }

    /// Why `host` (a literal address or a host name) is allowed without resolving it:
    /// "loopback" or "allowed by PATTERN"; nullopt when only its addresses could allow it.
    std::optional<std::string> allows_host(std::string_view host) const;
    /// True when an address or network pattern is listed (only then can a name that no name
    /// pattern allows be allowed by its addresses).
    bool has_address_patterns() const;
    /// Why `address` is allowed ("loopback" or "allowed by PATTERN"), or nullopt.
    std::optional<std::string> allows_address(const asio::ip::address& address) const;

private:
    std::vector<host_pattern> patterns_;
};

/// The addresses a name resolves to, or why it does not resolve.
using resolve_function =
    std::function<expected<std::vector<asio::ip::address>, std::string>(const std::string& host)>;

/// The decision on one target host.
struct admission {
    bool allowed = false;
    /// Allowed: "loopback", "allowed by PATTERN", or "resolves into allowed networks (A, B)".
    /// Refused: what was found, e.g. "it resolves to 10.0.0.2, outside every allowed network".
    std::string reason;
};

/// Decides on `host`. A literal address is allowed when it is loopback or inside an address or
/// network pattern; a name when a name pattern allows it, or else, when address or network
/// patterns are listed, when every address `resolve` gives for it is allowed (loopback, or
/// inside a pattern: a CIDR allows names resolving into it). `resolve` is called only then.
admission admit(const allow_list& allowed, std::string_view host, const resolve_function& resolve);

/// The error for a refused host: names it, says why, and gives both ways to allow it.
std::string refusal_message(std::string_view host, const admission& decision);

}  // namespace faultline::net
