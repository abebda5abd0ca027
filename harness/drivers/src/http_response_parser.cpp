#include <algorithm>
#include <charconv>

#include <faultline/core/ascii.hpp>
#include <faultline/drivers/http_response_parser.hpp>

namespace faultline::drivers {
namespace {

using core::icontains;
using core::iequals;

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

// Calls f(name, value) for each header line of a head; returns false on a malformed line.
template <class F>
bool for_each_header(std::string_view head, F&& f) {
    auto line_end = head.find("\r\n");
    if (line_end == std::string_view::npos)
        return false;
    std::size_t pos = line_end + 2;
    while (pos < head.size()) {
        auto end = head.find("\r\n", pos);
        if (end == std::string_view::npos)
            end = head.size();
        std::string_view line = head.substr(pos, end - pos);
        pos = end + 2;
        if (line.empty())
            break;
        auto colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0)
            return false;
        f(line.substr(0, colon), trim(line.substr(colon + 1)));
    }
    return true;
}

}  // namespace

void http_response_parser::reset(bool keep_body, bool head_request) noexcept {
    state_ = state::head;
    keep_body_ = keep_body;
    head_request_ = head_request;
    started_ = false;
    keep_alive_ = true;
    until_close_ = false;
    status_ = 0;
    remaining_ = 0;
    body_.clear();
    head_.clear();
    error_ = "";
}

void http_response_parser::fail(const char* reason) noexcept {
    state_ = state::error;
    error_ = reason;
    keep_alive_ = false;
}

void http_response_parser::take_body(std::string_view bytes) {
    if (keep_body_)
        body_.append(bytes);
}

std::size_t http_response_parser::feed(std::string_view data) {
    std::size_t used = 0;
    while (used < data.size() && state_ != state::done && state_ != state::error) {
        std::string_view rest = data.substr(used);
        std::size_t n = 0;
        switch (state_) {
            case state::head:
                n = parse_head(rest);
                if (n == 0)
                    return used;
                break;
            case state::body:
                if (until_close_) {
                    n = rest.size();
                } else {
                    n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, rest.size()));
                    remaining_ -= n;
                    if (remaining_ == 0)
                        state_ = state::done;
                }
                take_body(rest.substr(0, n));
                break;
            case state::chunk_size:
            case state::trailer:
                n = parse_chunk_size(rest);
                if (n == 0)
                    return used;
                break;
            case state::chunk_data:
                n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, rest.size()));
                take_body(rest.substr(0, n));
                remaining_ -= n;
                if (remaining_ == 0)
                    state_ = state::chunk_crlf;
                break;
            case state::chunk_crlf:
                if (rest.size() < 2)
                    return used;
                if (rest.substr(0, 2) != "\r\n") {
                    fail("chunk not followed by CRLF");
                    return used;
                }
                n = 2;
                state_ = state::chunk_size;
                break;
            case state::done:
            case state::error:
                break;
        }
        used += n;
    }
    return used;
}

std::size_t http_response_parser::parse_head(std::string_view data) {
    auto end = data.find("\r\n\r\n");
    if (end == std::string_view::npos) {
        if (data.size() > max_head_bytes)
            fail("response head too large");
        return 0;
    }
    started_ = true;
    std::string_view head = data.substr(0, end + 4);
    // Status line: HTTP/1.x SP 3DIGIT SP reason
    if (head.size() < 12 || !head.starts_with("HTTP/1.") || head[8] != ' ') {
        fail("malformed status line");
        return head.size();
    }
    const bool http10 = head[7] == '0';
    int status = 0;
    auto [ptr, ec] = std::from_chars(head.data() + 9, head.data() + 12, status);
    if (ec != std::errc{} || ptr != head.data() + 12 || status < 100 || status > 599) {
        fail("malformed status code");
        return head.size();
    }
    status_ = status;
    keep_alive_ = !http10;
    bool chunked = false;
    bool has_length = false;
    std::uint64_t length = 0;
    bool bad_length = false;
    bool ok = for_each_header(head, [&](std::string_view name, std::string_view value) {
        if (iequals(name, "content-length")) {
            auto [p, e] = std::from_chars(value.data(), value.data() + value.size(), length);
            bad_length = e != std::errc{} || p != value.data() + value.size();
            has_length = true;
        } else if (iequals(name, "transfer-encoding")) {
            chunked = icontains(value, "chunked");
        } else if (iequals(name, "connection")) {
            if (icontains(value, "close"))
                keep_alive_ = false;
            if (icontains(value, "keep-alive"))
                keep_alive_ = true;
        }
    });
    if (!ok || bad_length) {
        fail(bad_length ? "malformed Content-Length" : "malformed header line");
        return head.size();
    }
    if (keep_body_)
        head_.assign(head);
    const bool no_body = head_request_ || status_ / 100 == 1 || status_ == 204 || status_ == 304;
    if (no_body) {
        state_ = state::done;
    } else if (chunked) {
        state_ = state::chunk_size;
    } else if (has_length) {
        remaining_ = length;
        state_ = length == 0 ? state::done : state::body;
    } else {
        until_close_ = true;
        keep_alive_ = false;
        state_ = state::body;
    }
    return head.size();
}

// Parses "1a;ext\r\n" (or, after the last chunk, trailer lines up to an empty line).
std::size_t http_response_parser::parse_chunk_size(std::string_view data) {
    auto end = data.find("\r\n");
    if (end == std::string_view::npos) {
        if (data.size() > 1024)
            fail("chunk size line too long");
        return 0;
    }
    std::string_view line = data.substr(0, end);
    if (state_ == state::trailer) {
        if (line.empty())
            state_ = state::done;
        return end + 2;
    }
    auto semi = line.find(';');
    std::string_view digits = trim(line.substr(0, semi));
    std::uint64_t size = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), size, 16);
    if (digits.empty() || ec != std::errc{} || ptr != digits.data() + digits.size()) {
        fail("malformed chunk size");
        return end + 2;
    }
    if (size == 0) {
        state_ = state::trailer;
    } else {
        remaining_ = size;
        state_ = state::chunk_data;
    }
    return end + 2;
}

void http_response_parser::on_eof() noexcept {
    if (state_ == state::body && until_close_) {
        state_ = state::done;
    } else if (state_ != state::done) {
        fail("connection closed before the response was complete");
    }
}

std::string_view http_response_parser::header(std::string_view name) const noexcept {
    std::string_view found;
    for_each_header(std::string_view(head_), [&](std::string_view n, std::string_view v) {
        if (found.empty() && iequals(n, name))
            found = v;
    });
    return found;
}

}  // namespace faultline::drivers
