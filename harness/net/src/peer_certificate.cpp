#include <memory>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <faultline/net/peer_certificate.hpp>

namespace faultline::net {
namespace {

struct x509_free {
    void operator()(X509* x) const noexcept { X509_free(x); }
};
struct bio_free {
    void operator()(BIO* b) const noexcept { BIO_free(b); }
};

// The subject as one line in RFC 2253 form, most specific first ("CN=api.example.com,O=Example").
std::string subject_of(X509* certificate) {
    std::unique_ptr<BIO, bio_free> out(BIO_new(BIO_s_mem()));
    if (!out)
        return {};
    const unsigned long flags = XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB;
    if (X509_NAME_print_ex(out.get(), X509_get_subject_name(certificate), 0, flags) < 0)
        return {};
    char* data = nullptr;
    const long length = BIO_get_mem_data(out.get(), &data);
    return length > 0 ? std::string(data, static_cast<std::size_t>(length)) : std::string();
}

}  // namespace

std::optional<peer_facts> peer_certificate(SSL* ssl) {
    std::unique_ptr<X509, x509_free> certificate(SSL_get1_peer_certificate(ssl));
    if (!certificate)
        return std::nullopt;
    peer_facts facts;
    facts.subject = subject_of(certificate.get());
    int days = 0;
    int seconds = 0;
    // From now (null) to notAfter: positive while valid.
    if (ASN1_TIME_diff(&days, &seconds, nullptr, X509_get0_notAfter(certificate.get())) == 1)
        facts.days_left = days;
    facts.protocol = SSL_get_version(ssl);
    return facts;
}

}  // namespace faultline::net
