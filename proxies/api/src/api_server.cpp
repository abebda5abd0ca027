#include <array>
#include <atomic>
#include <thread>
#include <unordered_set>

#include <faultline/core/asio.hpp>
//
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <faultline/core/endpoint.hpp>
#include <faultline/core/listener.hpp>
#include <faultline/core/spawn.hpp>
#include <faultline/proxy_api/api_handler.hpp>
#include <faultline/proxy_api/api_server.hpp>
#include <faultline/proxy_api/http_codec.hpp>

#include "body_reader.hpp"

namespace faultline::proxy_api {
namespace {

namespace beast = boost::beast;
using namespace std::chrono_literals;

// After an error answer the client may still be sending (a body over the limit): closing with
// unread input would make the kernel reset the connection and lose the answer. So half-close,
// read and drop for a moment, then close.
constexpr auto linger_time = 500ms;
constexpr std::size_t linger_bytes = 4u << 20;

enum class after_request { keep_open, close, close_lingering };

// True for the errors of Beast's HTTP parser (a malformed or oversized request), which deserve
// an answer; other read errors (EOF, reset, timeout, shutdown) just end the connection.
bool is_parse_error(const error_code& ec) {
    const error_code sample = http::error::bad_method;
    return ec.category() == sample.category() && ec != http::error::end_of_stream &&
           ec != http::error::partial_message;
}

}  // namespace

struct api_server::impl {
    impl(proxies::proxy_server& server, api_server_options opts, api_settings settings)
        : options(std::move(opts)), handler(server, std::move(settings)) {}

    asio::awaitable<void> accept_loop();
    asio::awaitable<void> session(tcp::socket socket);
    asio::awaitable<after_request> serve_one(beast::tcp_stream& stream, beast::flat_buffer& buffer);
    asio::awaitable<bool> write(beast::tcp_stream& stream, const api_response& response,
                                unsigned version, bool keep_alive);
    asio::awaitable<void> lingering_close(beast::tcp_stream& stream);
    void close_all();

    api_server_options options;
    api_handler handler;
    asio::io_context ioc{1};
    tcp::acceptor acceptor{ioc};
    tcp::endpoint bound;
    std::atomic<std::size_t> open{0};
    std::atomic<std::size_t> refused{0};
    std::unordered_set<beast::tcp_stream*> sessions;  // touched on the API thread only
    bool stopping = false;                            // API thread only
    std::atomic<bool> stopped{false};
    std::thread thread;
};

namespace {

// Keeps a session listed (for shutdown) and counted for as long as its coroutine runs.
class session_entry {
public:
    session_entry(api_server::impl& server, beast::tcp_stream& stream)
        : server_(server), stream_(stream) {
        server_.sessions.insert(&stream_);
    }
    session_entry(const session_entry&) = delete;
    session_entry& operator=(const session_entry&) = delete;
    ~session_entry() {
        server_.sessions.erase(&stream_);
        server_.open.fetch_sub(1);
    }

private:
    api_server::impl& server_;
    beast::tcp_stream& stream_;
};

}  // namespace

asio::awaitable<void> api_server::impl::accept_loop() {
    asio::steady_timer backoff(ioc);
    for (;;) {
        error_code ec;
        auto token = asio::redirect_error(asio::use_awaitable, ec);
        tcp::socket socket = co_await acceptor.async_accept(token);
        if (stopping || ec == asio::error::operation_aborted)
            co_return;
        if (ec) {
            // Out of descriptors, most likely: wait instead of spinning.
            spdlog::warn("control API: accept failed: {}", ec.message());
            backoff.expires_after(50ms);
            co_await backoff.async_wait(token);
            continue;
        }
        if (open.load() >= options.max_connections) {
            refused.fetch_add(1);
            socket.close(ec);
            continue;
        }
        open.fetch_add(1);
        core::spawn(ioc.get_executor(), session(std::move(socket)), "api session");
    }
}

asio::awaitable<void> api_server::impl::session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    session_entry entry(*this, stream);
    beast::flat_buffer buffer;
    after_request next = stopping ? after_request::close : after_request::keep_open;
    while (next == after_request::keep_open)
        next = co_await serve_one(stream, buffer);
    if (next == after_request::close_lingering && !stopping)
        co_await lingering_close(stream);
    error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream.close();
}

asio::awaitable<after_request> api_server::impl::serve_one(beast::tcp_stream& stream,
                                                           beast::flat_buffer& buffer) {
    request_parser parser;
    apply_limits(parser);
    // One deadline for the whole request, head and body: a slow sender is cut off.
    stream.expires_after(options.read_timeout);
    error_code ec;
    auto token = asio::redirect_error(asio::use_awaitable, ec);
    co_await http::async_read_header(stream, buffer, parser, token);
    if (!ec && !parser.is_done()) {
        if (expects_continue(parser.get())) {
            static constexpr std::string_view go_on = "HTTP/1.1 100 Continue\r\n\r\n";
            auto line = asio::buffer(go_on.data(), go_on.size());
            co_await asio::async_write(stream, line, token);
            if (ec)
                co_return after_request::close;
        }
        co_await read_body(stream, buffer, parser, ec);
    }
    if (ec) {
        if (!is_parse_error(ec) || stopping)
            co_return after_request::close;
        const api_response failure = parse_failure_response(ec);
        co_await write(stream, failure, 11, false);
        co_return after_request::close_lingering;
    }
    const http_request message = parser.release();
    const auto request = to_api_request(message);
    const api_response response = request ? handler.handle(*request) : request.error();
    const bool keep_alive = message.keep_alive() && request.has_value() && !stopping;
    const bool written = co_await write(stream, response, message.version(), keep_alive);
    if (!written)
        co_return after_request::close;
    co_return keep_alive ? after_request::keep_open : after_request::close;
}

asio::awaitable<bool> api_server::impl::write(beast::tcp_stream& stream,
                                              const api_response& response, unsigned version,
                                              bool keep_alive) {
    http_response out = to_http_response(response, version, keep_alive);
    stream.expires_after(options.write_timeout);
    error_code ec;
    auto token = asio::redirect_error(asio::use_awaitable, ec);
    co_await http::async_write(stream, out, token);
    co_return !ec;
}

asio::awaitable<void> api_server::impl::lingering_close(beast::tcp_stream& stream) {
    error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.expires_after(linger_time);
    std::array<char, 4096> sink{};
    for (std::size_t drained = 0; !ec && drained < linger_bytes && !stopping;) {
        auto into = asio::buffer(sink);
        auto token = asio::redirect_error(asio::use_awaitable, ec);
        drained += co_await stream.async_read_some(into, token);
    }
}

void api_server::impl::close_all() {
    stopping = true;
    error_code ec;
    acceptor.close(ec);
    for (beast::tcp_stream* stream : sessions) {
        stream->socket().cancel(ec);
        stream->close();
    }
}

expected<std::unique_ptr<api_server>, std::string> api_server::start(proxies::proxy_server& proxies,
                                                                     api_server_options options) {
    auto where = core::parse_host_port(options.listen);
    if (!where)
        return make_unexpected("--api: " + where.error());
    if (std::string refused = check_bind(where->host, options.token); !refused.empty())
        return make_unexpected(refused);
    api_settings settings;
    settings.version = options.version;
    settings.security.token = options.token;
    settings.security.bind_host = core::numeric_host(where->host);
    auto state = std::make_unique<impl>(proxies, options, std::move(settings));
    error_code ec;
    const auto address = asio::ip::make_address(core::numeric_host(where->host), ec);
    const tcp::endpoint endpoint(address, where->port);
    if (!ec)
        state->bound = core::open_listener(state->acceptor, endpoint, ec);
    if (ec) {
        return make_unexpected("cannot serve the control API on " + where->to_string() + ": " +
                               ec.message());
    }
    impl& s = *state;
    core::spawn(s.ioc.get_executor(), s.accept_loop(), "api accept");
    s.thread = std::thread([&s] { s.ioc.run(); });
    return std::unique_ptr<api_server>(new api_server(std::move(state)));
}

api_server::api_server(std::unique_ptr<impl> state) : impl_(std::move(state)) {}

api_server::~api_server() {
    stop();
}

void api_server::stop() {
    if (impl_->stopped.exchange(true))
        return;
    impl& s = *impl_;
    asio::post(s.ioc, [&s] { s.close_all(); });
    if (s.thread.joinable())
        s.thread.join();
}

tcp::endpoint api_server::endpoint() const {
    return impl_->bound;
}

std::string api_server::address() const {
    return core::host_port{impl_->bound.address().to_string(), impl_->bound.port()}.to_string();
}

std::size_t api_server::open_connections() const {
    return impl_->open.load();
}

std::size_t api_server::refused_connections() const {
    return impl_->refused.load();
}

}  // namespace faultline::proxy_api
