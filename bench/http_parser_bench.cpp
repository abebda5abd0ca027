// Parses the same HTTP responses with faultline's parser and with Boost.Beast's response parser
// and prints nanoseconds per response for each. Run by hand on a release build:
//   build/release/bin/http_parser_bench
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <boost/beast/http.hpp>

#include <faultline/core/asio.hpp>
#include <faultline/drivers/http_response_parser.hpp>

namespace beast = boost::beast;

namespace {

// What nginx sends for a small static file, and a chunked JSON answer.
const std::string nginx_response =
    "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Mon, 23 Nov 2026 16:00:00 GMT\r\n"
    "Content-Type: text/html\r\nContent-Length: 3\r\nLast-Modified: Mon, 23 Nov 2026 15:00:00 "
    "GMT\r\n"
    "Connection: keep-alive\r\nETag: \"6561a3b0-3\"\r\nAccept-Ranges: bytes\r\n\r\nok\n";
const std::string chunked_response =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    "1a\r\n{\"id\":42,\"name\":\"item-42\"}\r\n0\r\n\r\n";

template <class F>
double ns_per_call(std::size_t n, F&& f) {
    auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < n; ++i)
        f();
    auto took = std::chrono::steady_clock::now() - start;
    return static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(took).count()) /
           static_cast<double>(n);
}

std::size_t sink = 0;

double faultline_parse(const std::string& wire, std::size_t n) {
    faultline::drivers::http_response_parser parser;
    return ns_per_call(n, [&] {
        parser.reset(false, false);
        sink += parser.feed(wire);
        sink += static_cast<std::size_t>(parser.status());
    });
}

double beast_parse(const std::string& wire, std::size_t n) {
    return ns_per_call(n, [&] {
        beast::http::response_parser<beast::http::empty_body> parser;
        parser.skip(false);
        beast::error_code ec;
        std::size_t used = parser.put(boost::asio::buffer(wire), ec);
        // An empty_body parser stops before the body: consume it as a keep-alive client must.
        sink += used + parser.get().result_int() +
                (parser.content_length() ? *parser.content_length() : 0);
    });
}

}  // namespace

int main() {
    constexpr std::size_t n = 2'000'000;
    for (const auto& [name, wire] :
         {std::pair{"nginx static", nginx_response}, std::pair{"chunked json", chunked_response}}) {
        faultline_parse(wire, n / 10);  // warm-up
        beast_parse(wire, n / 10);
        double ours = faultline_parse(wire, n);
        double theirs = beast_parse(wire, n);
        std::printf("%-14s faultline %6.1f ns/response   beast %6.1f ns/response   ratio %.2fx\n",
                    name, ours, theirs, theirs / ours);
    }
    std::printf("(checksum %zu)\n", sink);
    return 0;
}
