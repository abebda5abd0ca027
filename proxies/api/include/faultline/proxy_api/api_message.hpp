#pragma once
/// The control API's requests and answers without sockets: what the handler reads and writes.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace faultline::proxy_api {

/// The largest request body the API reads (a bigger one is answered 413).
inline constexpr std::size_t max_body_bytes = std::size_t{1} << 20;
/// The largest request head (request line and header fields) the API reads (431 beyond).
inline constexpr std::size_t max_header_bytes = std::size_t{16} << 10;
/// The most header fields one request may carry (431 beyond).
inline constexpr std::size_t max_header_fields = 100;

/// One HTTP request reduced to what the handler looks at. A header that was not sent is nullopt
/// (an empty header that was sent is an empty string: an empty Origin is still an Origin).
struct api_request {
    std::string method;  ///< as sent; HTTP methods are case-sensitive ("GET", "PATCH", ...)
    std::string target;  ///< origin-form, e.g. "/proxies/db/toxics?x=1"; the query is ignored
    std::optional<std::string> host;
    std::optional<std::string> origin;
    std::optional<std::string> authorization;
    std::optional<std::string> user_agent;
    std::optional<std::string> content_type;
    std::string body;
};

/// The answer. `content_type` and `body` are empty for 204.
struct api_response {
    int status = 200;
    std::string content_type;
    std::string body;
    std::string allow;  ///< for 405: the methods the route accepts, e.g. "GET, POST"
};

/// `{"error": message, "status": status}` as Toxiproxy writes its errors.
api_response error_response(int status, std::string_view message);

/// A JSON body with status `status`.
api_response json_response(int status, std::string body);

}  // namespace faultline::proxy_api
