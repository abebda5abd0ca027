#pragma once
/// What a finished TLS handshake shows of the server: its certificate's subject and expiry, and
/// the protocol version, for `faultline check`.
#include <optional>
#include <string>

#include <faultline/net/tls_context.hpp>

namespace faultline::net {

/// The server's side of a finished handshake.
struct peer_facts {
    std::string subject;   ///< the certificate's subject (RFC 2253): "CN=api.example.com,O=Example"
    long days_left = 0;    ///< whole days until it expires (negative: expired that long ago)
    std::string protocol;  ///< "TLSv1.3"
};

/// The facts of `ssl`'s finished handshake; nullopt when the server sent no certificate.
std::optional<peer_facts> peer_certificate(SSL* ssl);

}  // namespace faultline::net
