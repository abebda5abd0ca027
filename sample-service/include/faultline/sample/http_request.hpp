#pragma once
/// HTTP/1.x requests parsed from the bytes a connection has buffered: a pure function, no I/O.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace faultline::sample {

/// Largest request head accepted (request line, headers, blank line); beyond it the answer is 431.
inline constexpr std::size_t max_head_bytes = 16 * 1024;
/// Largest request body accepted (by its Content-Length); beyond it the answer is 413.
inline constexpr std::size_t max_body_bytes = 1024 * 1024;

/// One complete request. Header names keep the case they were sent in; use header() to look up.
struct http_request {
    std::string method;
    std::string target;     ///< as sent: origin-form "/a?b" or absolute-form "http://h/a"
    int version_minor = 1;  ///< HTTP/1.<version_minor>, 0 or 1
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    bool keep_alive = true;  ///< HTTP/1.1 unless "Connection: close"; HTTP/1.0 only with keep-alive

    /// The value of the first header called `name` (ASCII case-insensitive), without padding.
    std::optional<std::string_view> header(std::string_view name) const;

    /// The target's path without query string or scheme and authority: "/items/7".
    std::string_view path() const;
};

/// What parse_request found at the start of a buffer.
enum class parse_status {
    incomplete,       ///< more bytes are needed
    complete,         ///< a request was parsed
    bad_request,      ///< malformed: answer 400 and close
    head_too_large,   ///< head over max_head_bytes: answer 431 and close
    body_too_large,   ///< Content-Length over max_body_bytes: answer 413 and close
    not_implemented,  ///< Transfer-Encoding (chunked bodies are not supported): 501 and close
};

/// The outcome of parse_request.
struct parse_result {
    parse_status status = parse_status::incomplete;
    http_request request;      ///< meaningful only when status == complete
    std::size_t consumed = 0;  ///< bytes the request took from the buffer, when complete
};

/// Parses the first request in `buffer`. Lines may end in CRLF or a bare LF; empty lines before
/// the request line are skipped. Bodies are delimited by Content-Length only. Never throws on
/// any input; the work is linear in the buffer size.
parse_result parse_request(std::string_view buffer);

/// The status code to answer a failed parse with (400, 413, 431, 501); 0 for the other statuses.
int error_status(parse_status status) noexcept;

}  // namespace faultline::sample
