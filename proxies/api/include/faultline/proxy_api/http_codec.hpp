#pragma once
/// Beast on both sides of the handler: the parser limits, request conversion, error answers for
/// requests that cannot be parsed, and response rendering. The server and the fuzzer share it.
#include <string_view>

#include <faultline/core/asio.hpp>
//
#include <boost/beast/http.hpp>

#include <faultline/core/expected.hpp>
#include <faultline/proxy_api/api_handler.hpp>
#include <faultline/proxy_api/api_message.hpp>

namespace faultline::proxy_api {

namespace http = boost::beast::http;

/// The parsed request type the API reads.
using http_request = http::request<http::string_body>;
/// The rendered answer.
using http_response = http::response<http::string_body>;
/// The parser the API reads with; configure each new one with apply_limits().
using request_parser = http::request_parser<http::string_body>;

/// body_limit max_body_bytes, header_limit max_header_bytes.
void apply_limits(request_parser& parser);

/// The handler's view of `message`, or the refusal: 431 with more than max_header_fields fields,
/// 400 with more than one Host or Authorization field.
expected<api_request, api_response> to_api_request(const http_request& message);

/// The answer to a request the parser rejected: 413 for body_limit, 431 for header_limit, 400
/// for anything else.
api_response parse_failure_response(const error_code& ec);

/// True when `message` asks for "Expect: 100-continue" before sending its body.
bool expects_continue(const http::request_header<>& message);

/// `response` as an HTTP/1.x message of `version` (10 or 11), with Content-Length, the
/// Connection header for `keep_alive`, and Allow on 405.
http_response to_http_response(const api_response& response, unsigned version, bool keep_alive);

/// Parses `bytes` as one request with the API's limits and answers it with `handler`, exactly as
/// the server would (an incomplete request is answered as a parse failure). For the fuzzer and
/// tests.
api_response handle_raw_request(const api_handler& handler, std::string_view bytes);

}  // namespace faultline::proxy_api
