#include <cerrno>
#include <cstring>
#include <fstream>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <faultline/core/endpoint.hpp>
#include <faultline/net/tls_context.hpp>

namespace faultline::net {
namespace {

// The last OpenSSL error of this thread, as text, and the queue cleared.
std::string openssl_error() {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return "unknown OpenSSL error";
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    const char* reason = ERR_reason_error_string(code);
    return reason != nullptr ? reason : text;
}

// Empty when `path` can be opened for reading, else why not.
std::string unreadable(const std::string& path) {
    std::ifstream in(path);
    if (in)
        return {};
    return std::strerror(errno);
}

std::string load_files(SSL_CTX* ctx, const tls_settings& s) {
    if (!s.ca.empty()) {
        if (auto why = unreadable(s.ca); !why.empty())
            return "cannot read CA file '" + s.ca + "': " + why;
        if (SSL_CTX_load_verify_locations(ctx, s.ca.c_str(), nullptr) != 1)
            return "CA file '" + s.ca + "' holds no usable certificate: " + openssl_error();
    } else if (SSL_CTX_set_default_verify_paths(ctx) != 1) {
        return "cannot load the system's trust store: " + openssl_error();
    }
    if (s.cert.empty())
        return {};
    for (const auto* path : {&s.cert, &s.key}) {
        if (auto why = unreadable(*path); !why.empty())
            return "cannot read '" + *path + "': " + why;
    }
    if (SSL_CTX_use_certificate_chain_file(ctx, s.cert.c_str()) != 1)
        return "'" + s.cert + "' is not a PEM certificate: " + openssl_error();
    const std::string mismatch =
        "the key '" + s.key + "' does not match the certificate '" + s.cert + "'";
    if (SSL_CTX_use_PrivateKey_file(ctx, s.key.c_str(), SSL_FILETYPE_PEM) != 1) {
        if (ERR_GET_REASON(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH) {
            ERR_clear_error();
            return mismatch;
        }
        return "'" + s.key + "' is not a PEM private key: " + openssl_error();
    }
    if (SSL_CTX_check_private_key(ctx) != 1)
        return mismatch;
    return {};
}

}  // namespace

std::optional<tls_version> parse_tls_version(std::string_view text) noexcept {
    if (text == "1.2")
        return tls_version::v1_2;
    if (text == "1.3")
        return tls_version::v1_3;
    return std::nullopt;
}

tls_context::tls_context(tls_settings settings)
    : settings_(std::move(settings)), context_(asio::ssl::context::tls_client) {}

expected<std::shared_ptr<const tls_context>, std::string> tls_context::make(
    const tls_settings& settings) {
    auto made = std::make_shared<tls_context>(settings);
    SSL_CTX* ctx = made->context_.native_handle();
    ERR_clear_error();
    const int version = settings.min_version == tls_version::v1_3 ? TLS1_3_VERSION : TLS1_2_VERSION;
    SSL_CTX_set_min_proto_version(ctx, version);
    if (auto problem = load_files(ctx, settings); !problem.empty())
        return make_unexpected(problem);
    // Client-side session caching is done by hand (a session per connection slot).
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    // Take everything received in one read, not a record's header and then its body.
    SSL_CTX_set_read_ahead(ctx, 1);
    made->context_.set_verify_mode(settings.insecure ? asio::ssl::verify_none
                                                     : asio::ssl::verify_peer);
    return std::shared_ptr<const tls_context>(std::move(made));
}

void prepare_client(SSL* ssl, const tls_context& context, const std::string& host,
                    SSL_SESSION* session) {
    const auto& s = context.settings();
    const std::string name = s.server_name.empty() ? host : s.server_name;
    if (!core::is_ip_literal(name)) {
        // SSL_set_tlsext_host_name without its C cast (the project builds with -Wold-style-cast).
        SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char*>(name.c_str()));
    }
    if (!s.insecure) {
        // OpenSSL's own name check, so that a mismatch reads "Hostname mismatch".
        SSL_set_verify(ssl, SSL_VERIFY_PEER, nullptr);
        if (core::is_ip_literal(name))
            X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name.c_str());
        else
            SSL_set1_host(ssl, name.c_str());
    }
    if (session != nullptr && s.resume)
        SSL_set_session(ssl, session);
}

tls_failure read_failure(SSL* ssl, const error_code& ec) {
    const long verified = SSL_get_verify_result(ssl);
    if (verified != X509_V_OK)
        return {true, X509_verify_cert_error_string(verified)};
    std::string reason = ec.message();
    if (ec.category() == asio::error::get_ssl_category()) {
        const char* text = ERR_reason_error_string(static_cast<unsigned long>(ec.value()));
        if (text != nullptr)
            reason = text;
    }
    return {false, reason};
}

}  // namespace faultline::net
