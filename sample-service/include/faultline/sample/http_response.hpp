#pragma once
/// HTTP/1.1 responses and their wire form.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace faultline::sample {

/// A response before serialisation. Content-Length and Connection are added by serialize().
struct http_response {
    int status = 200;
    std::string content_type = "text/plain";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers, in order
};

/// The standard reason phrase for `status` ("OK", "Not Found"), or "Unknown".
std::string_view reason_phrase(int status) noexcept;

/// A JSON error response: {"error": message} with the given status.
http_response error_response(int status, std::string_view message);

/// Appends the response's HTTP/1.1 wire form to `out`, with Content-Length and
/// "Connection: keep-alive" or "Connection: close".
void serialize(const http_response& response, bool keep_alive, std::string& out);

}  // namespace faultline::sample
