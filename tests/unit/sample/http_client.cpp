#include "http_client.hpp"

#include <array>
#include <charconv>
#include <stdexcept>

#include <faultline/core/ascii.hpp>
#include <faultline/test/support.hpp>

namespace faultline::sample::testing {
namespace {

using core::iequals;

// Runs `ioc` until `done` or `deadline`; on timeout cancels `socket` and lets the handler run.
bool finish(asio::io_context& ioc, tcp::socket& socket, bool& done,
            std::chrono::steady_clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left < 1ms)
        left = 1ms;
    if (faultline::test::run_until(
            ioc, [&] { return done; }, left))
        return true;
    error_code ignored;
    socket.cancel(ignored);
    faultline::test::run_until(
        ioc, [&] { return done; }, 1000ms);
    return false;
}

}  // namespace

std::string response::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (iequals(key, name))
            return value;
    }
    return {};
}

std::string request_text(std::string_view method, std::string_view path, std::string_view extra,
                         std::string_view body) {
    std::string text = std::string(method) + " " + std::string(path) +
                       " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + std::string(extra);
    if (!body.empty())
        text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    return text + "\r\n" + std::string(body);
}

http_client::http_client(std::uint16_t port) : socket_(ioc_) {
    bool done = false;
    error_code result;
    const tcp::endpoint target(asio::ip::make_address("127.0.0.1"), port);
    socket_.async_connect(target, [&](error_code ec) {
        result = ec;
        done = true;
    });
    if (!finish(ioc_, socket_, done, std::chrono::steady_clock::now() + 2s) || result) {
        throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
    }
}

void http_client::send(std::string_view raw) {
    bool done = false;
    error_code result;
    asio::async_write(socket_, asio::buffer(raw.data(), raw.size()),
                      [&](error_code ec, std::size_t) {
                          result = ec;
                          done = true;
                      });
    if (!finish(ioc_, socket_, done, std::chrono::steady_clock::now() + 2s) || result) {
        throw std::runtime_error("send failed: " + result.message());
    }
}

bool http_client::read_some(std::chrono::steady_clock::time_point deadline) {
    if (closed_by_peer_)
        return false;
    std::array<char, 4096> chunk{};
    bool done = false;
    error_code result;
    std::size_t got = 0;
    socket_.async_read_some(asio::buffer(chunk), [&](error_code ec, std::size_t n) {
        result = ec;
        got = n;
        done = true;
    });
    const bool in_time = finish(ioc_, socket_, done, deadline);
    buffer_.append(chunk.data(), got);
    if (in_time && result)
        closed_by_peer_ = true;
    return in_time && !result;
}

// Parses one response from the front of buffer_ if it is all there.
std::optional<response> http_client::take_response() {
    const auto head_end = buffer_.find("\r\n\r\n");
    if (head_end == std::string::npos)
        return std::nullopt;
    response parsed;
    std::string_view head(buffer_.data(), head_end);
    auto line_end = head.find("\r\n");
    auto status_line = head.substr(0, line_end);
    if (!status_line.starts_with("HTTP/1.1 ") || status_line.size() < 12) {
        throw std::runtime_error("bad status line: " + std::string(status_line));
    }
    std::from_chars(status_line.data() + 9, status_line.data() + 12, parsed.status);
    std::size_t length = 0;
    while (line_end != std::string_view::npos) {
        auto start = line_end + 2;
        line_end = head.find("\r\n", start);
        auto line =
            head.substr(start, line_end == std::string_view::npos ? line_end : line_end - start);
        auto colon = line.find(": ");
        if (colon == std::string_view::npos)
            throw std::runtime_error("bad header line");
        parsed.headers.emplace_back(line.substr(0, colon), line.substr(colon + 2));
        if (iequals(line.substr(0, colon), "Content-Length")) {
            auto value = line.substr(colon + 2);
            std::from_chars(value.data(), value.data() + value.size(), length);
        }
    }
    if (buffer_.size() < head_end + 4 + length)
        return std::nullopt;
    parsed.body = buffer_.substr(head_end + 4, length);
    buffer_.erase(0, head_end + 4 + length);
    return parsed;
}

std::optional<response> http_client::read_response(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (auto parsed = take_response())
            return parsed;
        if (!read_some(deadline))
            return take_response();
    }
}

std::optional<response> http_client::exchange(std::string_view method, std::string_view path,
                                              std::string_view extra, std::string_view body) {
    send(request_text(method, path, extra, body));
    return read_response();
}

bool http_client::wait_closed(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (read_some(deadline)) {
    }
    return closed_by_peer_;
}

void http_client::close() {
    error_code ignored;
    socket_.close(ignored);
}

}  // namespace faultline::sample::testing
