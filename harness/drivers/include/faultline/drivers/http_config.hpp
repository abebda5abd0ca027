#pragma once
/// The HTTP/1.1 driver's settings for one workload: `http = { ... }`.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <faultline/core/clock.hpp>
#include <faultline/core/endpoint.hpp>
#include <faultline/drivers/driver_config.hpp>
#include <faultline/net/tls_settings.hpp>

namespace faultline::drivers {

/// A variable captured from the setup response: exactly one of json_pointer or header is set.
struct capture {
    std::string var;           ///< used later as {var:NAME}
    std::string json_pointer;  ///< e.g. "/token" (RFC 6901) into the JSON response body
    std::string header;        ///< e.g. "X-Session" (case-insensitive)
};

/// One HTTP request. Text fields are templates ({rand:A..B}, {seq}, {uuid}, {var:NAME});
/// ${ENV} references are already substituted by the loader.
struct http_request {
    std::string method = "GET";
    core::host_port target;  ///< from the URL: an address or a name
    bool https = false;      ///< an https:// URL
    net::tls_settings tls;   ///< with https: its `tls = { ... }` (defaults: verify, system CAs)
    std::string path;        ///< path and query from the URL, a template
    std::vector<std::pair<std::string, std::string>> headers;  ///< values are templates
    std::string body;                                          ///< a template
};

/// A setup request run once per virtual user (a login) before its first request.
struct http_setup {
    http_request request;
    std::vector<capture> captures;
    check_spec check;
};

struct http_workload final : driver_config {
    http_request request;
    std::optional<http_setup> setup;
    nanoseconds connect_timeout = std::chrono::seconds(2);
    nanoseconds request_timeout = std::chrono::seconds(5);  ///< write plus read of one request
    /// false: every request on a fresh connection (sent with "Connection: close"), as first
    /// visits and many mobile clients do.
    bool keep_alive = true;
};

}  // namespace faultline::drivers
