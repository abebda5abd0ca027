#pragma once
/// Reading a request's body after its head, without tripping Beast 1.74's chunked parser.
///
/// Beast's parser asserts (in builds with assertions on) that a final chunk it has already seen
/// is presented again with at least five bytes ("0\r\n\r\n"). Its own read loop presents
/// whatever has arrived, so a client that sends the last chunk a byte at a time aborts a debug
/// build. This loop feeds the parser only after new bytes arrived and, for a chunked body, only
/// once five are buffered: no valid chunked body ends in fewer, so waiting costs nothing.
#include <faultline/core/asio.hpp>
//
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <faultline/proxy_api/http_codec.hpp>

namespace faultline::proxy_api {

/// The fewest unconsumed bytes worth presenting to `parser` once its head is parsed.
std::size_t minimum_feed(const request_parser& parser);

/// Reads into `buffer` and feeds `parser` until the request is complete or `ec` is set. The
/// stream's deadline bounds it; an end of stream mid-body is http::error::partial_message.
asio::awaitable<void> read_body(boost::beast::tcp_stream& stream, boost::beast::flat_buffer& buffer,
                                request_parser& parser, error_code& ec);

}  // namespace faultline::proxy_api
