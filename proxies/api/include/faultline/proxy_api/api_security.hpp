#pragma once
/// Who may talk to the control API: the browser and DNS-rebinding defences Toxiproxy lacks (or has
/// in part), and an optional bearer token.
#include <optional>
#include <string>
#include <string_view>

#include <faultline/core/bearer_token.hpp>
#include <faultline/proxy_api/api_message.hpp>

namespace faultline::proxy_api {

/// What the API checks on every request, before routing.
struct api_security {
    /// When not empty, every request needs "Authorization: Bearer <token>" (else 401).
    std::string token;
    /// The host the API is bound to ("127.0.0.1", "0.0.0.0", "::1", "localhost"). A Host header
    /// naming it is accepted besides loopback names; when it is an unspecified address (0.0.0.0
    /// or ::), any IP literal is accepted (a DNS-rebinding attack needs a domain name).
    std::string bind_host = "127.0.0.1";
};

/// The refusal for `request`, or nullopt when it may go on. In order: an Origin header (a
/// browser's cross-site request) is 403; a Host that is neither loopback nor the bound address is
/// 403; a User-Agent starting with "Mozilla/" is 403 (as Toxiproxy); with a token configured, a
/// missing or wrong bearer token is 401. The token compare takes the same time wherever the
/// first difference is.
std::optional<api_response> check_security(const api_request& request,
                                           const api_security& security);

/// Empty when the API may bind `bind_host` with `token`; otherwise why not (a non-loopback bind
/// needs a token, since anyone who reaches the port could otherwise inject faults).
std::string check_bind(std::string_view bind_host, std::string_view token);

using core::constant_time_equals;

}  // namespace faultline::proxy_api
