#include <faultline/core/asio.hpp>
//
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <faultline/core/spawn.hpp>
#include <faultline/core/units.hpp>
#include <faultline/proxy_api/api_client.hpp>

namespace faultline::proxy_api {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;

using client_result = expected<client_response, std::string>;

struct parsed_url {
    std::string host;
    std::string port;
};

// "http://host:port", "http://host:port/" or "host:port"; "[::1]:8474" for IPv6.
expected<parsed_url, std::string> parse_url(std::string url) {
    const std::string original = url;
    if (url.rfind("http://", 0) == 0)
        url.erase(0, 7);
    else if (url.find("://") != std::string::npos)
        return make_unexpected("only http:// URLs are supported, got '" + original + "'");
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    parsed_url out;
    std::size_t colon = std::string::npos;
    if (!url.empty() && url.front() == '[') {
        const auto close = url.find(']');
        if (close == std::string::npos)
            return make_unexpected("malformed address in '" + original + "'");
        out.host = url.substr(1, close - 1);
        colon = close + 1 < url.size() && url[close + 1] == ':' ? close + 1 : std::string::npos;
    } else {
        colon = url.rfind(':');
        out.host = url.substr(0, colon);
    }
    out.port = colon == std::string::npos ? "80" : url.substr(colon + 1);
    if (out.host.empty() || out.port.empty() || url.find('/') != std::string::npos)
        return make_unexpected("expected a URL such as http://127.0.0.1:8474, got '" + original +
                               "'");
    return out;
}

// One request on one connection, every step bounded by `deadline`. Never throws: failures are
// values in `result`.
asio::awaitable<void> exchange(const parsed_url& url, const std::string& token,
                               const client_request& request, clock::time_point deadline,
                               client_result& result) {
    auto executor = co_await asio::this_coro::executor;
    const std::string where = "http://" + url.host + ":" + url.port;
    error_code ec;
    auto use = asio::redirect_error(asio::use_awaitable, ec);
    tcp::resolver resolver(executor);
    const auto endpoints = co_await resolver.async_resolve(url.host, url.port, use);
    if (ec) {
        result = make_unexpected("cannot resolve " + url.host + ": " + ec.message());
        co_return;
    }
    beast::tcp_stream stream(executor);
    stream.expires_at(deadline);
    co_await stream.async_connect(endpoints, use);
    http::request<http::string_body> message;
    message.version(11);
    message.method_string(request.method);
    message.target(request.target);
    const bool ipv6 = url.host.find(':') != std::string::npos;
    message.set(http::field::host, (ipv6 ? "[" + url.host + "]" : url.host) + ":" + url.port);
    message.set(http::field::user_agent, "faultline-proxy-cli");
    if (!token.empty())
        message.set(http::field::authorization, "Bearer " + token);
    if (!request.body.empty())
        message.set(http::field::content_type, "application/json");
    for (const auto& [name, value] : request.headers)
        message.set(name, value);
    message.body() = request.body;
    message.keep_alive(false);
    message.prepare_payload();
    if (!ec)
        co_await http::async_write(stream, message, use);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(std::uint64_t{64} << 20);
    if (!ec)
        co_await http::async_read(stream, buffer, parser, use);
    if (ec == beast::error::timeout) {
        result = make_unexpected("no answer from " + where + " in time");
        co_return;
    }
    if (ec) {
        result = make_unexpected("cannot talk to " + where + ": " + ec.message());
        co_return;
    }
    const auto& answer = parser.get();
    client_response out;
    out.status = static_cast<int>(answer.result_int());
    out.content_type = std::string(answer[http::field::content_type]);
    out.body = answer.body();
    result = std::move(out);
    error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

}  // namespace

std::string escape_path_segment(std::string_view segment) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : segment) {
        const auto byte = static_cast<unsigned char>(c);
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
        if (plain) {
            out += c;
        } else {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 15];
        }
    }
    return out;
}

api_client::api_client(std::string base_url, std::string token, nanoseconds timeout)
    : token_(std::move(token)), timeout_(timeout) {
    auto url = parse_url(std::move(base_url));
    if (url) {
        host_ = url->host;
        port_ = url->port;
    } else {
        url_error_ = url.error();
    }
}

client_result api_client::send(const client_request& request) const {
    if (!url_error_.empty())
        return make_unexpected(url_error_);
    const parsed_url url{host_, port_};
    client_result result = make_unexpected(std::string("no answer"));
    asio::io_context ioc(1);
    const auto deadline = clock::now() + timeout_;
    core::spawn(ioc.get_executor(), exchange(url, token_, request, deadline, result), "api client");
    ioc.run();
    return result;
}

client_result api_client::get(const std::string& target) const {
    return send({"GET", target, {}, {}});
}

client_result api_client::post(const std::string& target, std::string body) const {
    return send({"POST", target, std::move(body), {}});
}

client_result api_client::patch(const std::string& target, std::string body) const {
    return send({"PATCH", target, std::move(body), {}});
}

client_result api_client::remove(const std::string& target) const {
    return send({"DELETE", target, {}, {}});
}

}  // namespace faultline::proxy_api
