#include "connection.hpp"

#include <array>
#include <chrono>
#include <functional>
#include <string>
#include <utility>

#include <boost/beast/core/tcp_stream.hpp>

#include <faultline/sample/http_request.hpp>
#include <faultline/sample/http_response.hpp>
#include <faultline/sample/router.hpp>

namespace faultline::sample::detail {
namespace {

namespace beast = boost::beast;
using namespace std::chrono_literals;

constexpr std::size_t read_chunk = 8192;
constexpr auto linger_time = 500ms;
constexpr std::size_t linger_bytes = 4 * 1024 * 1024;

// Counts the connection as open for as long as its coroutine frame exists.
class open_count {
public:
    explicit open_count(std::atomic<std::size_t>& count) : count_(count) { ++count_; }
    open_count(const open_count&) = delete;
    open_count& operator=(const open_count&) = delete;
    ~open_count() { --count_; }

private:
    std::atomic<std::size_t>& count_;
};

// Appends what the socket has to `buffer`; false at end of stream, on error or at `deadline`.
asio::awaitable<bool> read_more(beast::tcp_stream& stream, std::string& buffer,
                                clock::time_point deadline) {
    const std::size_t old_size = buffer.size();
    buffer.resize(old_size + read_chunk);
    stream.expires_at(deadline);
    error_code ec;
    auto into = asio::buffer(buffer.data() + old_size, read_chunk);
    auto token = asio::redirect_error(asio::use_awaitable, ec);
    const std::size_t got = co_await stream.async_read_some(into, token);
    buffer.resize(old_size + got);
    co_return !ec;
}

asio::awaitable<bool> write_all(beast::tcp_stream& stream, const std::string& out,
                                clock::time_point deadline) {
    stream.expires_at(deadline);
    error_code ec;
    auto from = asio::buffer(out);
    auto token = asio::redirect_error(asio::use_awaitable, ec);
    co_await asio::async_write(stream, from, token);
    co_return !ec;
}

// Closing a socket with unread input makes the kernel send a reset, which can destroy the last
// response before the client reads it. So: half-close, drain briefly, then close.
asio::awaitable<void> lingering_close(beast::tcp_stream& stream) {
    error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    const auto deadline = clock::now() + linger_time;
    std::array<char, 4096> sink{};
    for (std::size_t drained = 0; !ec && drained < linger_bytes;) {
        stream.expires_at(deadline);
        auto into = asio::buffer(sink);
        auto token = asio::redirect_error(asio::use_awaitable, ec);
        drained += co_await stream.async_read_some(into, token);
    }
    stream.socket().close(ec);
}

std::string_view describe(parse_status status) {
    switch (status) {
        case parse_status::head_too_large:
            return "request head larger than 16 KiB";
        case parse_status::body_too_large:
            return "request body larger than 1 MiB";
        case parse_status::not_implemented:
            return "Transfer-Encoding is not supported";
        default:
            return "malformed request";
    }
}

// The answer to a request over the rate limit: at once, and the client may retry in a second.
http_response over_rate_limit() {
    http_response refused = error_response(503, "over the rate limit");
    refused.headers.emplace_back("Retry-After", "1");
    return refused;
}

// --store real: without a bulkhead the request keeps its worker while it waits for the store;
// with one, the worker is held for the service time only and each dependency call holds a slot
// of that dependency's own pool.
asio::awaitable<http_response> respond_from_real_store(endpoint target, const http_request& request,
                                                       service_state& state) {
    auto& store = *state.real;
    http_response out;
    const std::function<asio::awaitable<void>()> work = [&]() -> asio::awaitable<void> {
        if (target == endpoint::item)
            out = co_await store.get_item(request.path());
        else
            out = co_await store.create_order(request.body);
    };
    if (store.options().bulkhead) {
        if (!co_await state.pool.serve())
            co_return error_response(503, "all workers are busy and the queue is full");
        co_await work();
    } else if (!co_await state.pool.serve(work)) {
        co_return error_response(503, "all workers are busy and the queue is full");
    }
    co_return out;
}

// Fails on purpose (--fail-after), rate-limits, routes the request, waits for a worker where the
// endpoint needs one, leaks where asked to, and runs the handler.
asio::awaitable<http_response> respond(const http_request& request, service_state& state) {
    const std::string_view path = request.path();
    if (path != "/health" && state.fail_from && clock::now() >= *state.fail_from)
        co_return error_response(500, "failing on purpose (--fail-after)");
    if (path != "/health" && !state.limit.admit(clock::now()))
        co_return over_rate_limit();
    const route_result routed = route(request.method, path);
    if (!routed.target) {
        http_response refused = error_response(
            routed.status, routed.status == 405 ? "method not allowed" : "no such path");
        if (routed.status == 405)
            refused.headers.emplace_back("Allow", std::string(routed.allow));
        co_return refused;
    }
    const bool real = state.real && (*routed.target == endpoint::item ||
                                     *routed.target == endpoint::create_order);
    if (real) {
        state.leak.leak_one();
        co_return co_await respond_from_real_store(*routed.target, request, state);
    }
    if (uses_worker(*routed.target)) {
        const bool served = co_await state.pool.serve();
        if (!served)
            co_return error_response(503, "all workers are busy and the queue is full");
    }
    if (*routed.target != endpoint::health)
        state.leak.leak_one();
    co_return state.logic.handle(*routed.target, request);
}

}  // namespace

asio::awaitable<void> serve_connection(tcp::socket socket, service_state& state) {
    open_count counted(state.open);
    beast::tcp_stream stream(std::move(socket));
    std::string buffer;
    std::string out;
    // One deadline per request, not per read: a client trickling bytes cannot stay forever.
    auto request_deadline = clock::now() + state.idle_timeout;
    for (;;) {
        parse_result parsed = parse_request(buffer);
        if (parsed.status == parse_status::incomplete) {
            const bool more = co_await read_more(stream, buffer, request_deadline);
            if (!more)
                co_return;  // closed, reset or idle: nobody to answer
            continue;
        }
        out.clear();
        if (parsed.status != parse_status::complete) {
            const int status = error_status(parsed.status);
            serialize(error_response(status, describe(parsed.status)), false, out);
            co_await write_all(stream, out, clock::now() + state.idle_timeout);
            co_await lingering_close(stream);
            co_return;
        }
        buffer.erase(0, parsed.consumed);
        const bool keep_alive = parsed.request.keep_alive;
        const http_response response = co_await respond(parsed.request, state);
        serialize(response, keep_alive, out);
        const bool written = co_await write_all(stream, out, clock::now() + state.idle_timeout);
        if (!written)
            co_return;
        if (!keep_alive) {
            co_await lingering_close(stream);
            co_return;
        }
        request_deadline = clock::now() + state.idle_timeout;
    }
}

}  // namespace faultline::sample::detail
