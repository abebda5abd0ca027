#include <atomic>
#include <mutex>
#include <thread>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <faultline/core/asio.hpp>
#include <faultline/core/bearer_token.hpp>
#include <faultline/core/endpoint.hpp>
#include <faultline/core/listener.hpp>
#include <faultline/core/spawn.hpp>
#include <faultline/live/live_metrics_text.hpp>
#include <faultline/live/metrics_server.hpp>

namespace faultline::live {

namespace beast = boost::beast;
namespace http = beast::http;

struct metrics_server::impl {
    asio::io_context ioc{1};
    tcp::acceptor acceptor{ioc};
    tcp::endpoint bound;
    std::thread thread;
    std::atomic<bool> stopped{false};
    std::mutex mutex;
    live_state state;   // guarded by mutex
    std::string token;  // empty: none needed

    // One request per connection, each step bounded in time (a scraper that stalls is dropped).
    asio::awaitable<void> serve(tcp::socket socket) {
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        http::request_parser<http::empty_body> parser;
        parser.header_limit(16 * 1024);
        stream.expires_after(std::chrono::seconds(5));
        error_code ec;
        // The head is all a scrape needs; a body is never read (reading one through Beast
        // 1.74's chunk parser a byte at a time trips an assertion in debug builds).
        co_await http::async_read_header(stream, buffer, parser,
                                         asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return;
        const auto& request = parser.get();
        http::response<http::string_body> response;
        response.version(request.version());
        response.keep_alive(false);
        response.set(http::field::server, "faultline");
        const bool get =
            request.method() == http::verb::get || request.method() == http::verb::head;
        const auto authorization = request[http::field::authorization];
        if (!token.empty() &&
            !core::carries_token(request.count(http::field::authorization) != 0
                                     ? std::optional<std::string_view>(std::string_view(
                                           authorization.data(), authorization.size()))
                                     : std::nullopt,
                                 token)) {
            response.result(http::status::unauthorized);
            response.set(http::field::www_authenticate, "Bearer realm=\"faultline\"");
            response.set(http::field::content_type, "text/plain");
            response.body() = "missing or wrong token: send \"Authorization: Bearer <token>\"\n";
        } else if (request.target() != "/metrics") {
            response.result(http::status::not_found);
            response.set(http::field::content_type, "text/plain");
            response.body() = "not found: the metrics are at /metrics\n";
        } else if (!get) {
            response.result(http::status::method_not_allowed);
            response.set(http::field::allow, "GET, HEAD");
            response.set(http::field::content_type, "text/plain");
            response.body() = "only GET and HEAD\n";
        } else {
            const auto accept = request[http::field::accept];
            const auto format = format_for_accept(std::string_view(accept.data(), accept.size()));
            std::string text;
            {
                std::lock_guard lock(mutex);
                text = render_live_metrics(state, format);
            }
            response.result(http::status::ok);
            const std::string content_type(format == scrape_format::openmetrics
                                               ? openmetrics_content_type
                                               : prometheus_content_type);
            response.set(http::field::content_type, content_type);
            if (request.method() == http::verb::get)
                response.body() = std::move(text);
        }
        response.prepare_payload();
        stream.expires_after(std::chrono::seconds(5));
        co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
        stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    }

    asio::awaitable<void> accept_loop() {
        for (;;) {
            error_code ec;
            auto socket =
                co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
            if (ec == asio::error::operation_aborted || !acceptor.is_open())
                co_return;
            if (ec)
                continue;
            core::spawn(ioc.get_executor(), serve(std::move(socket)), "metrics scrape");
        }
    }
};

std::string metrics_server::listen_error(const std::string& listen, const std::string& token) {
    auto where = core::parse_host_port(listen);
    if (!where)
        return "--metrics " + listen + ": " + where.error();
    if (!core::is_ip_literal(where->host) && !core::is_loopback_host(where->host))
        return "--metrics " + listen +
               ": expected an address of this machine to listen on (127.0.0.1, 0.0.0.0, [::], "
               "or one of its own), not a name";
    if (!core::is_loopback_host(where->host) && token.empty())
        return "--metrics " + listen +
               ": off loopback the live metrics need a token: --metrics-token TOKEN (or "
               "FAULTLINE_METRICS_TOKEN); scrapers send it as 'Authorization: Bearer TOKEN'";
    return {};
}

expected<std::unique_ptr<metrics_server>, std::string> metrics_server::start(
    const std::string& listen, const std::string& token) {
    if (auto why = listen_error(listen, token); !why.empty())
        return make_unexpected(std::move(why));
    const auto where = core::parse_host_port(listen);
    auto state = std::make_unique<impl>();
    state->token = token;
    error_code ec;
    const auto address = asio::ip::make_address(core::numeric_host(where->host), ec);
    const tcp::endpoint endpoint(address, where->port);
    if (!ec)
        state->bound = core::open_listener(state->acceptor, endpoint, ec);
    if (ec)
        return make_unexpected("cannot serve the live metrics on " + where->to_string() + ": " +
                               ec.message());
    impl& s = *state;
    core::spawn(s.ioc.get_executor(), s.accept_loop(), "metrics accept");
    s.thread = std::thread([&s] { s.ioc.run(); });
    return std::unique_ptr<metrics_server>(new metrics_server(std::move(state)));
}

metrics_server::metrics_server(std::unique_ptr<impl> state) : impl_(std::move(state)) {}

metrics_server::~metrics_server() {
    if (impl_->stopped.exchange(true))
        return;
    impl& s = *impl_;
    asio::post(s.ioc, [&s] {
        error_code ec;
        s.acceptor.close(ec);
        s.ioc.stop();
    });
    if (s.thread.joinable())
        s.thread.join();
}

void metrics_server::publish(const live_state& state) {
    std::lock_guard lock(impl_->mutex);
    impl_->state = state;
}

std::string metrics_server::address() const {
    return core::host_port{impl_->bound.address().to_string(), impl_->bound.port()}.to_string();
}

}  // namespace faultline::live
