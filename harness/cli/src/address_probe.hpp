#pragma once
// Whether something accepts connections at an address right now, and for a TLS target whether
// its handshake succeeds, for `faultline check`.
#include <optional>
#include <string>
#include <vector>

#include <faultline/core/clock.hpp>
#include <faultline/net/peer_certificate.hpp>

#include "check_targets.hpp"

namespace faultline::cli {

/// How the TLS handshake of a probe ended.
enum class tls_outcome { none, ok, verify_failed, handshake_failed };

/// How one address of a target answered.
struct probe_result {
    std::string address;      ///< the address a name resolved to ("10.0.0.2"); empty otherwise
    bool accepted = false;    ///< a connection was established (and closed)
    bool dns_failed = false;  ///< the target's name did not resolve (reason says why)
    tls_outcome tls = tls_outcome::none;  ///< with TLS settings and a connection
    std::optional<net::peer_facts> peer;  ///< tls == ok: the server's certificate
    std::string reason;  ///< when something failed: "Connection refused", "no answer within 2s",
                         ///< "certificate has expired", ...
};

/// Per target of `targets` (in order), one result per address: each address a name resolves to
/// (all of them, with the scenario's `family`), one for an address or a Unix socket, one
/// dns_failed for a name that does not resolve. Targets with `skip[i]` get no result and are
/// never touched. Every connect and handshake runs at once, each within `timeout`; a target
/// with TLS settings (and not started by the run) is checked with them, SNI and verification
/// included.
std::vector<std::vector<probe_result>> probe_all(const std::vector<check_target>& targets,
                                                 const std::vector<bool>& skip,
                                                 net::family_policy family, nanoseconds timeout);

}  // namespace faultline::cli
