#pragma once
/// A TLS client configuration made once per workload and shared by all its connections (an
/// OpenSSL SSL_CTX: thread-safe for making connections), and the reading of a failed handshake.
#include <memory>
#include <string>

#include <faultline/core/asio.hpp>
//
#include <boost/asio/ssl/context.hpp>

#include <faultline/core/expected.hpp>
#include <faultline/net/tls_settings.hpp>

namespace faultline::net {

class tls_context {
public:
    /// Loads the trust store (the `ca` file or the system's), the client certificate and key
    /// (checking that they match) and the minimum version. The error names the file and why:
    /// "cannot read CA file 'x.pem': No such file or directory".
    static expected<std::shared_ptr<const tls_context>, std::string> make(
        const tls_settings& settings);

    const tls_settings& settings() const noexcept { return settings_; }
    /// For making streams; never changed after make().
    asio::ssl::context& native() const noexcept { return context_; }

    explicit tls_context(tls_settings settings);

private:
    tls_settings settings_;
    mutable asio::ssl::context context_;
};

/// Prepares `ssl` (of `context`) for a handshake with `host`: SNI (unless the name is an
/// address), the certificate check against the server name (unless insecure), and `session`
/// offered when the settings resume (null: none).
void prepare_client(SSL* ssl, const tls_context& context, const std::string& host,
                    SSL_SESSION* session);

/// How a handshake failed.
struct tls_failure {
    bool verify = false;  ///< the certificate was rejected (else the handshake itself failed)
    std::string reason;   ///< "certificate has expired", "Hostname mismatch", the SSL error
};

/// Reads a failed handshake of `ssl` that ended with `ec`.
tls_failure read_failure(SSL* ssl, const error_code& ec);

}  // namespace faultline::net
