#pragma once
/// Errors of the proxy control plane, with Toxiproxy's messages and HTTP status codes.
#include <cstdint>
#include <string>
#include <system_error>

namespace faultline::proxies {

enum class proxy_errc : std::uint8_t {
    bad_request_body = 1,  ///< 400 "bad request body: ..."
    missing_field,         ///< 400 "missing required field: <name>"
    proxy_not_found,       ///< 404 "proxy not found"
    proxy_exists,          ///< 409 "proxy already exists"
    invalid_stream,        ///< 400 "stream was invalid, can be either upstream or downstream"
    invalid_toxic_type,    ///< 400 "invalid toxic type"
    toxic_exists,          ///< 409 "toxic already exists"
    toxic_not_found,       ///< 404 "toxic not found"
    listen_failed,         ///< 500 (as Toxiproxy answers a bind failure) "listen tcp ...: ..."
};

/// The error category of proxy_errc; message() is Toxiproxy's base message.
const std::error_category& proxy_category() noexcept;
std::error_code make_error_code(proxy_errc e) noexcept;

/// The HTTP status the API answers for `e`.
int http_status(proxy_errc e) noexcept;

/// An error with its full message, e.g. "missing required field: upstream".
struct proxy_error {
    proxy_errc code;
    std::string message;

    /// Base message, and ": detail" when `detail` is not empty.
    static proxy_error make(proxy_errc code, const std::string& detail = {});
};

}  // namespace faultline::proxies

template <>
struct std::is_error_code_enum<faultline::proxies::proxy_errc> : std::true_type {};
