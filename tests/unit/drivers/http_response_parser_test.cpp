#include <catch2/catch.hpp>

#include <faultline/drivers/http_response_parser.hpp>

using faultline::drivers::http_response_parser;

namespace {

struct parsed {
    bool done = false;
    bool failed = false;
    int status = 0;
    bool keep_alive = false;
    std::string body;
    std::size_t consumed = 0;
};

// Feeds `wire` in pieces of `piece` bytes, keeping unconsumed bytes as a real connection does.
parsed parse(const std::string& wire, std::size_t piece, bool head_request = false,
             bool eof = false) {
    http_response_parser p;
    p.reset(true, head_request);
    std::string pending;
    std::size_t consumed = 0;
    for (std::size_t i = 0; i < wire.size() && !p.done() && !p.failed(); i += piece) {
        pending += wire.substr(i, piece);
        auto n = p.feed(pending);
        consumed += n;
        pending.erase(0, n);
    }
    if (eof && !p.done() && !p.failed())
        p.on_eof();
    return parsed{p.done(), p.failed(), p.status(), p.keep_alive(), p.body(), consumed};
}

}  // namespace

TEST_CASE("responses parse whole and split at every size", "[http_parser]") {
    struct row {
        const char* name;
        std::string wire;
        int status;
        bool keep_alive;
        std::string body;
    };
    auto r = GENERATE(values<row>({
        {"content-length", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 200, true, "hello"},
        {"case-insensitive headers", "HTTP/1.1 201 Created\r\ncontent-LENGTH: 2\r\n\r\nok", 201,
         true, "ok"},
        {"zero length", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 200, true, ""},
        {"chunked with extension and trailer",
         "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n6\r\n "
         "world\r\n0\r\nX-T: 1\r\n\r\n",
         200, true, "hello world"},
        {"connection close",
         "HTTP/1.1 503 Busy\r\nConnection: close\r\nContent-Length: 4\r\n\r\nbusy", 503, false,
         "busy"},
        {"HTTP/1.0 closes by default", "HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx", 200, false,
         "x"},
        {"HTTP/1.0 keep-alive",
         "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", 200, true, "x"},
        {"204 has no body", "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n", 204, true, ""},
        {"304 has no body", "HTTP/1.1 304 Not Modified\r\n\r\n", 304, true, ""},
    }));
    for (std::size_t piece : {std::size_t{1}, std::size_t{3}, std::size_t{7}, r.wire.size()}) {
        INFO(r.name << ", pieces of " << piece);
        auto p = parse(r.wire, piece);
        CHECK(p.done);
        CHECK_FALSE(p.failed);
        CHECK(p.status == r.status);
        CHECK(p.keep_alive == r.keep_alive);
        CHECK(p.body == r.body);
        CHECK(p.consumed == r.wire.size());
    }
}

TEST_CASE("a body delimited by the close completes on EOF", "[http_parser]") {
    auto p = parse("HTTP/1.1 200 OK\r\n\r\nuntil the end", 4, false, true);
    CHECK(p.done);
    CHECK(p.body == "until the end");
    CHECK_FALSE(p.keep_alive);
}

TEST_CASE("EOF before the end of a sized body is a failure", "[http_parser]") {
    auto p = parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345", 100, false, true);
    CHECK(p.failed);
}

TEST_CASE("the response to HEAD has no body", "[http_parser]") {
    auto p = parse("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", 100, true);
    CHECK(p.done);
    CHECK(p.body.empty());
}

TEST_CASE("parsing stops at the end of one response", "[http_parser]") {
    std::string two =
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nAHTTP/1.1 200 OK\r\nContent-Length: "
        "1\r\n\r\nB";
    http_response_parser p;
    p.reset(true, false);
    auto n = p.feed(two);
    CHECK(p.done());
    CHECK(p.body() == "A");
    CHECK(n == two.size() / 2);
}

TEST_CASE("malformed responses fail with a reason", "[http_parser]") {
    auto wire = GENERATE(as<std::string>{}, "SSH-2.0-OpenSSH\r\n\r\n", "HTTP/1.1 2x0 OK\r\n\r\n",
                         "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n",
                         "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
                         "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
    INFO(wire);
    auto p = parse(wire, wire.size());
    CHECK(p.failed);
    CHECK_FALSE(p.done);
}

TEST_CASE("an endless head is refused past the limit", "[http_parser]") {
    std::string head =
        "HTTP/1.1 200 OK\r\n" + std::string(http_response_parser::max_head_bytes + 10, 'a');
    http_response_parser p;
    p.reset(false, false);
    CHECK(p.feed(head) == 0);
    CHECK(p.failed());
}

TEST_CASE("headers are found case-insensitively in a kept head", "[http_parser]") {
    http_response_parser p;
    p.reset(true, false);
    p.feed("HTTP/1.1 200 OK\r\nX-Session: s-1\r\nContent-Length: 0\r\n\r\n");
    CHECK(p.header("x-session") == "s-1");
    CHECK(p.header("missing").empty());
}
