#include <faultline/core/ascii.hpp>
#include <faultline/proxy_api/http_codec.hpp>

namespace faultline::proxy_api {
namespace {

// The value of `name`, nullopt when absent; `duplicate` is set when it occurs more than once.
std::optional<std::string> single_field(const http_request& message, http::field name,
                                        bool& duplicate) {
    auto [first, last] = message.equal_range(name);
    if (first == last)
        return std::nullopt;
    if (std::next(first) != last)
        duplicate = true;
    return std::string(first->value());
}

}  // namespace

void apply_limits(request_parser& parser) {
    parser.body_limit(max_body_bytes);
    parser.header_limit(static_cast<std::uint32_t>(max_header_bytes));
}

expected<api_request, api_response> to_api_request(const http_request& message) {
    std::size_t fields = 0;
    for (auto it = message.begin(); it != message.end(); ++it)
        ++fields;
    if (fields > max_header_fields)
        return make_unexpected(error_response(431, "too many header fields (limit 100)"));
    bool duplicate = false;
    api_request request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    request.host = single_field(message, http::field::host, duplicate);
    request.authorization = single_field(message, http::field::authorization, duplicate);
    if (duplicate)
        return make_unexpected(error_response(400, "Host or Authorization given more than once"));
    bool ignored = false;
    request.origin = single_field(message, http::field::origin, ignored);
    request.user_agent = single_field(message, http::field::user_agent, ignored);
    request.content_type = single_field(message, http::field::content_type, ignored);
    request.body = message.body();
    return request;
}

api_response parse_failure_response(const error_code& ec) {
    if (ec == http::error::body_limit)
        return error_response(413, "request body larger than 1 MiB");
    if (ec == http::error::header_limit)
        return error_response(431, "request header fields larger than 16 KiB");
    return error_response(400, "malformed HTTP request: " + ec.message());
}

bool expects_continue(const http::request_header<>& message) {
    auto it = message.find(http::field::expect);
    if (it == message.end())
        return false;
    const auto value = it->value();
    return core::iequals(std::string_view(value.data(), value.size()), "100-continue");
}

http_response to_http_response(const api_response& response, unsigned version, bool keep_alive) {
    http_response out;
    out.version(version);
    out.result(static_cast<unsigned>(response.status));
    out.set(http::field::server, "faultline");
    if (!response.content_type.empty())
        out.set(http::field::content_type, response.content_type);
    if (!response.allow.empty())
        out.set(http::field::allow, response.allow);
    out.body() = response.body;
    out.keep_alive(keep_alive);
    out.prepare_payload();
    return out;
}

api_response handle_raw_request(const api_handler& handler, std::string_view bytes) {
    request_parser parser;
    apply_limits(parser);
    parser.eager(true);
    error_code ec;
    std::size_t used = 0;
    while (!ec && used < bytes.size() && !parser.is_done()) {
        const std::size_t n =
            parser.put(asio::buffer(bytes.data() + used, bytes.size() - used), ec);
        used += n;
        if (ec == http::error::need_more) {
            // Every byte there is was presented: presenting the rest again without new bytes
            // is outside Beast's contract (its chunk parser asserts on it).
            ec = {};
            break;
        }
    }
    if (!ec && !parser.is_done() && parser.got_some())
        parser.put_eof(ec);
    if (!ec && !parser.is_done())
        ec = http::error::partial_message;
    if (ec)
        return parse_failure_response(ec);
    auto request = to_api_request(parser.get());
    if (!request)
        return request.error();
    return handler.handle(*request);
}

}  // namespace faultline::proxy_api
