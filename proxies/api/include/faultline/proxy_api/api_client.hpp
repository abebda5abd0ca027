#pragma once
/// A small blocking HTTP/1.1 client for the control API (faultline proxy-cli and tests).
#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <faultline/core/clock.hpp>
#include <faultline/core/expected.hpp>

namespace faultline::proxy_api {

/// `segment` with every byte but A-Z a-z 0-9 - . _ ~ percent-encoded, for a name in a path
/// ("/proxies/" + escape_path_segment(name)).
std::string escape_path_segment(std::string_view segment);

/// What an exchange returned.
struct client_response {
    int status = 0;
    std::string content_type;
    std::string body;
};

/// One request; `headers` are sent as given after Host, User-Agent and Content-Type.
struct client_request {
    std::string method = "GET";
    std::string target = "/";
    std::string body;                                          ///< sent as application/json
    std::vector<std::pair<std::string, std::string>> headers;  ///< extra fields
};

/// Talks to one API at `base_url` ("http://127.0.0.1:8474" or "127.0.0.1:8474"), one connection
/// per request. Each request is bounded by `timeout` (connect, write and read together).
class api_client {
public:
    /// `token`, when not empty, is sent as "Authorization: Bearer <token>".
    explicit api_client(std::string base_url, std::string token = {},
                        nanoseconds timeout = std::chrono::seconds(10));

    /// Sends `request` and reads the whole answer. Errors: the URL cannot be parsed, the
    /// connection failed or timed out, the answer was not HTTP.
    expected<client_response, std::string> send(const client_request& request) const;

    /// Shorthands for send().
    expected<client_response, std::string> get(const std::string& target) const;
    expected<client_response, std::string> post(const std::string& target,
                                                std::string body = {}) const;
    expected<client_response, std::string> patch(const std::string& target, std::string body) const;
    expected<client_response, std::string> remove(const std::string& target) const;

    /// The host the client talks to (empty when base_url could not be parsed).
    const std::string& host() const { return host_; }
    /// The port the client talks to, as text.
    const std::string& port() const { return port_; }

private:
    std::string host_;
    std::string port_;
    std::string url_error_;  ///< why base_url could not be used, reported by send()
    std::string token_;
    nanoseconds timeout_;
};

}  // namespace faultline::proxy_api
