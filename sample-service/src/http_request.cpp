#include <charconv>
#include <cstdint>

#include <faultline/core/ascii.hpp>
#include <faultline/sample/http_request.hpp>

namespace faultline::sample {
namespace {

using core::iequals;

constexpr auto npos = std::string_view::npos;

bool is_tchar(char c) noexcept {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != npos;
}

bool is_token(std::string_view text) noexcept {
    if (text.empty())
        return false;
    for (char c : text) {
        if (!is_tchar(c))
            return false;
    }
    return true;
}

std::string_view trim_ows(std::string_view text) noexcept {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

// True when the comma-separated list (a Connection header) holds `token`.
bool has_token(std::string_view list, std::string_view token) noexcept {
    while (!list.empty()) {
        auto comma = list.find(',');
        if (iequals(trim_ows(list.substr(0, comma)), token))
            return true;
        if (comma == npos)
            break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

// Index just past the blank line that ends the head ("\n\n" or "\n\r\n"), or npos.
std::size_t find_head_end(std::string_view buffer, std::size_t from) noexcept {
    for (auto pos = buffer.find('\n', from); pos != npos; pos = buffer.find('\n', pos + 1)) {
        if (pos + 1 < buffer.size() && buffer[pos + 1] == '\n')
            return pos + 2;
        if (pos + 2 < buffer.size() && buffer[pos + 1] == '\r' && buffer[pos + 2] == '\n') {
            return pos + 3;
        }
    }
    return npos;
}

// The line starting at `from` without its "\r\n" or "\n"; `from` moves past it.
std::string_view next_line(std::string_view head, std::size_t& from) noexcept {
    auto end = head.find('\n', from);
    auto line = head.substr(from, end - from);
    from = end + 1;
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    return line;
}

bool parse_request_line(std::string_view line, http_request& request) {
    auto sp1 = line.find(' ');
    auto sp2 = sp1 == npos ? npos : line.find(' ', sp1 + 1);
    if (sp2 == npos || line.find(' ', sp2 + 1) != npos)
        return false;
    auto method = line.substr(0, sp1);
    auto target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    auto version = line.substr(sp2 + 1);
    if (!is_token(method) || target.empty())
        return false;
    for (char c : target) {
        if (c <= 0x20 || c >= 0x7f)
            return false;
    }
    if (target.front() != '/' && target.find("://") == npos)
        return false;
    if (version == "HTTP/1.1") {
        request.version_minor = 1;
    } else if (version == "HTTP/1.0") {
        request.version_minor = 0;
    } else {
        return false;
    }
    request.method = method;
    request.target = target;
    return true;
}

bool valid_field_value(std::string_view value) noexcept {
    for (char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && c != '\t') || byte == 0x7f)
            return false;
    }
    return true;
}

// What the headers say about framing and persistence, gathered while parsing them.
struct framing {
    std::optional<std::uint64_t> content_length;
    bool chunked = false;
    bool close = false;
    bool keep_alive = false;
};

// Records one header; false when it is malformed.
bool take_header(std::string_view line, http_request& request, framing& frame) {
    if (line.front() == ' ' || line.front() == '\t')
        return false;  // obsolete line folding
    auto colon = line.find(':');
    if (colon == npos)
        return false;
    auto name = line.substr(0, colon);
    auto value = trim_ows(line.substr(colon + 1));
    if (!is_token(name) || !valid_field_value(value))
        return false;
    if (iequals(name, "Content-Length")) {
        std::uint64_t length = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
        if (value.empty() || ec != std::errc{} || end != value.data() + value.size())
            return false;
        if (frame.content_length && *frame.content_length != length)
            return false;
        frame.content_length = length;
    } else if (iequals(name, "Transfer-Encoding")) {
        frame.chunked = true;
    } else if (iequals(name, "Connection")) {
        frame.close = frame.close || has_token(value, "close");
        frame.keep_alive = frame.keep_alive || has_token(value, "keep-alive");
    }
    request.headers.emplace_back(name, value);
    return true;
}

parse_result failed(parse_status status) {
    return parse_result{status, {}, 0};
}

// Rejects garbage before its head is complete: a request line that is already known to be bad.
bool hopeless_prefix(std::string_view buffer, std::size_t start) {
    auto line_end = buffer.find('\n', start);
    if (line_end == npos) {
        auto method = buffer.substr(start, buffer.find(' ', start) - start);
        for (char c : method) {
            if (!is_tchar(c))
                return true;
        }
        return false;
    }
    http_request scratch;
    return !parse_request_line(next_line(buffer, start), scratch);
}

}  // namespace

std::optional<std::string_view> http_request::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (iequals(key, name))
            return std::string_view(value);
    }
    return std::nullopt;
}

std::string_view http_request::path() const {
    std::string_view path = target;
    if (path.empty() || path.front() != '/') {  // absolute-form: drop "scheme://authority"
        auto authority = path.find("://");
        auto slash = authority == npos ? npos : path.find('/', authority + 3);
        path = slash == npos ? std::string_view("/") : path.substr(slash);
    }
    return path.substr(0, path.find_first_of("?#"));
}

parse_result parse_request(std::string_view buffer) {
    std::size_t start = 0;  // empty lines before a request line are ignored (RFC 9112 2.2)
    while (start < buffer.size() && (buffer[start] == '\n' || buffer[start] == '\r'))
        ++start;
    const auto head_end = find_head_end(buffer, start);
    if (head_end == npos) {
        if (buffer.size() - start > max_head_bytes)
            return failed(parse_status::head_too_large);
        if (hopeless_prefix(buffer, start))
            return failed(parse_status::bad_request);
        return failed(parse_status::incomplete);
    }
    if (head_end - start > max_head_bytes)
        return failed(parse_status::head_too_large);

    parse_result result{parse_status::complete, {}, 0};
    http_request& request = result.request;
    framing frame;
    std::size_t at = start;
    if (!parse_request_line(next_line(buffer, at), request))
        return failed(parse_status::bad_request);
    for (auto line = next_line(buffer, at); !line.empty(); line = next_line(buffer, at)) {
        if (!take_header(line, request, frame))
            return failed(parse_status::bad_request);
    }
    if (frame.chunked)
        return failed(parse_status::not_implemented);
    const std::uint64_t length = frame.content_length.value_or(0);
    if (length > max_body_bytes)
        return failed(parse_status::body_too_large);
    if (buffer.size() - head_end < length)
        return failed(parse_status::incomplete);

    request.body = buffer.substr(head_end, static_cast<std::size_t>(length));
    request.keep_alive =
        request.version_minor == 1 ? !frame.close : frame.keep_alive && !frame.close;
    result.consumed = head_end + static_cast<std::size_t>(length);
    return result;
}

int error_status(parse_status status) noexcept {
    switch (status) {
        case parse_status::bad_request:
            return 400;
        case parse_status::head_too_large:
            return 431;
        case parse_status::body_too_large:
            return 413;
        case parse_status::not_implemented:
            return 501;
        case parse_status::incomplete:
        case parse_status::complete:
            return 0;
    }
    return 0;
}

}  // namespace faultline::sample
