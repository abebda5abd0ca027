#include "body_reader.hpp"

namespace faultline::proxy_api {
namespace {

// Read in pieces of this size; the parser's body limit bounds the total.
constexpr std::size_t read_piece = 16 * 1024;
constexpr std::size_t final_chunk_bytes = 5;  // "0\r\n\r\n"

}  // namespace

std::size_t minimum_feed(const request_parser& parser) {
    return parser.chunked() ? final_chunk_bytes : 1;
}

asio::awaitable<void> read_body(boost::beast::tcp_stream& stream, boost::beast::flat_buffer& buffer,
                                request_parser& parser, error_code& ec) {
    auto token = asio::redirect_error(asio::use_awaitable, ec);
    bool need_bytes = false;
    while (!parser.is_done()) {
        if (need_bytes || buffer.size() < minimum_feed(parser)) {
            const std::size_t got =
                co_await stream.async_read_some(buffer.prepare(read_piece), token);
            buffer.commit(got);
            if (ec == asio::error::eof)
                ec = http::error::partial_message;
            if (ec)
                co_return;
            need_bytes = false;
            continue;
        }
        const std::size_t used = parser.put(buffer.data(), ec);
        buffer.consume(used);
        if (ec == http::error::need_more) {
            ec = {};
            need_bytes = true;
        } else if (ec) {
            co_return;
        }
    }
}

}  // namespace faultline::proxy_api
