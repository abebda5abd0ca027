#pragma once
// A compiled HTTP request: the templates of one http_request, rendered into a reused
// buffer for every request.
#include <string>
#include <utility>
#include <vector>

#include <faultline/core/text_template.hpp>
#include <faultline/drivers/http_config.hpp>
#include <faultline/net/tls_context.hpp>

namespace faultline::drivers {

/// The Host header's value for a URL's authority: "host" for the scheme's default port (80, or
/// 443 with `https`), else "host:port"; an IPv6 address in brackets.
std::string host_header(const core::host_port& target, bool https = false);

/// A user's own Host header (any case) replaces the one from the URL: it is never sent twice.
class http_request_template {
public:
    /// Compiles `request` (with "Connection: close" when `close_connection`); throws
    /// std::invalid_argument on a template the loader should have rejected.
    explicit http_request_template(const http_request& request, bool close_connection = false);

    /// Replaces `out` with the full request (head and body). `body_scratch` is reused storage.
    void render(std::string& out, std::string& body_scratch,
                const core::template_context& ctx) const;

    bool is_head() const noexcept { return method_ == "HEAD"; }
    const core::host_port& target() const noexcept { return target_; }
    /// The TLS context of an https:// request; null for http://.
    const net::tls_context* tls() const noexcept { return tls_.get(); }

private:
    std::string method_;
    core::host_port target_;
    std::shared_ptr<const net::tls_context> tls_;
    core::text_template path_;
    std::string fixed_headers_;  // "Host: ...\r\n" (unless the user gives one) and constant headers
    std::vector<std::pair<std::string, core::text_template>> headers_;
    core::text_template body_;
    bool always_length_ = false;  // methods that carry a body send Content-Length even when 0
};

}  // namespace faultline::drivers
