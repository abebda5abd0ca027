#pragma once
/// An incremental HTTP/1.1 response parser that does not allocate: it reads the status, the
/// framing headers (Content-Length, Transfer-Encoding: chunked, Connection) and skips or keeps the
/// body. Bytes are fed as they arrive; it says how many it consumed.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace faultline::drivers {

/// Parses one response at a time; reset() before the next one on the same connection.
class http_response_parser {
public:
    enum class state : std::uint8_t {
        head,
        body,
        chunk_size,
        chunk_data,
        chunk_crlf,
        trailer,
        done,
        error
    };

    /// `keep_body`: append the body to body(), for checks and captures; else count and drop it.
    /// `head_request`: the response to a HEAD has no body whatever its headers say.
    void reset(bool keep_body, bool head_request) noexcept;

    /// Consumes bytes from `data`; returns how many. Stops after the end of the response
    /// (done()) so bytes of a following response are not consumed. The head must arrive whole
    /// within `data` before it is consumed: when it is incomplete 0 is returned and the caller
    /// keeps the bytes and reads more (a head larger than max_head_bytes is an error).
    std::size_t feed(std::string_view data);

    /// The server closed the connection: completes a body delimited by the close, or errors.
    void on_eof() noexcept;

    bool done() const noexcept { return state_ == state::done; }
    bool failed() const noexcept { return state_ == state::error; }
    /// True when no byte of this response has been consumed yet.
    bool untouched() const noexcept { return state_ == state::head && !started_; }
    int status() const noexcept { return status_; }
    /// False when the server asked to close (Connection: close, or HTTP/1.0 without keep-alive).
    bool keep_alive() const noexcept { return keep_alive_; }
    const std::string& body() const noexcept { return body_; }
    /// The raw head (status line and headers) when keep_body is set, for header captures.
    const std::string& head() const noexcept { return head_; }
    const char* error_reason() const noexcept { return error_; }

    /// The value of header `name` (case-insensitive) in head(), or empty.
    std::string_view header(std::string_view name) const noexcept;

    static constexpr std::size_t max_head_bytes = 64 * 1024;

private:
    std::size_t parse_head(std::string_view data);
    std::size_t parse_chunk_size(std::string_view data);
    void fail(const char* reason) noexcept;
    void take_body(std::string_view bytes);

    state state_ = state::head;
    bool keep_body_ = false;
    bool head_request_ = false;
    bool started_ = false;
    bool keep_alive_ = true;
    bool until_close_ = false;
    int status_ = 0;
    std::uint64_t remaining_ = 0;
    std::string body_;
    std::string head_;
    const char* error_ = "";
};

}  // namespace faultline::drivers
