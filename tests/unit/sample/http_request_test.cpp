#include <string>

#include <catch2/catch.hpp>

#include <faultline/sample/http_request.hpp>

using faultline::sample::error_status;
using faultline::sample::max_body_bytes;
using faultline::sample::max_head_bytes;
using faultline::sample::parse_request;
using faultline::sample::parse_status;

TEST_CASE("a complete request parses into method, target, headers and body", "[http_request]") {
    const std::string text =
        "POST /orders?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-length: 5\r\n"
        "X-Padded:   spaced value \t\r\n\r\nhello";
    auto parsed = parse_request(text);
    REQUIRE(parsed.status == parse_status::complete);
    CHECK(parsed.consumed == text.size());
    const auto& request = parsed.request;
    CHECK(request.method == "POST");
    CHECK(request.target == "/orders?x=1");
    CHECK(request.path() == "/orders");
    CHECK(request.version_minor == 1);
    CHECK(request.body == "hello");
    CHECK(request.keep_alive);
    CHECK(request.header("HOST").value() == "127.0.0.1");
    CHECK(request.header("x-padded").value() == "spaced value");
    CHECK_FALSE(request.header("Cookie").has_value());
}

TEST_CASE("every proper prefix of a request is incomplete", "[http_request]") {
    const std::string text =
        "POST /orders HTTP/1.1\r\nHost: h\r\nContent-Length: 12\r\n\r\n{\"item\": 1}\n";
    for (std::size_t size = 0; size < text.size(); ++size) {
        INFO("prefix of " << size << " bytes");
        CHECK(parse_request(std::string_view(text).substr(0, size)).status ==
              parse_status::incomplete);
    }
    CHECK(parse_request(text).status == parse_status::complete);
}

TEST_CASE("bare LF line ends and leading empty lines are accepted", "[http_request]") {
    auto lf = parse_request("GET /health HTTP/1.1\nHost: h\n\n");
    REQUIRE(lf.status == parse_status::complete);
    CHECK(lf.request.header("Host").value() == "h");
    const std::string leading = "\r\n\r\nGET /static HTTP/1.1\r\n\r\n";
    auto skipped = parse_request(leading);
    REQUIRE(skipped.status == parse_status::complete);
    CHECK(skipped.request.path() == "/static");
    CHECK(skipped.consumed == leading.size());
}

TEST_CASE("pipelined requests are consumed one at a time", "[http_request]") {
    const std::string first = "GET /items/1 HTTP/1.1\r\n\r\n";
    const std::string second = "POST /orders HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}";
    const std::string both = first + second + "GET /he";
    auto one = parse_request(both);
    REQUIRE(one.status == parse_status::complete);
    CHECK(one.consumed == first.size());
    CHECK(one.request.path() == "/items/1");
    auto two = parse_request(std::string_view(both).substr(one.consumed));
    REQUIRE(two.status == parse_status::complete);
    CHECK(two.request.body == "{}");
    CHECK(parse_request(std::string_view(both).substr(one.consumed + two.consumed)).status ==
          parse_status::incomplete);
}

TEST_CASE("keep-alive follows the version and the Connection header", "[http_request]") {
    auto [version, connection, keep_alive] = GENERATE(table<const char*, const char*, bool>({
        {"HTTP/1.1", "", true},
        {"HTTP/1.1", "Connection: close\r\n", false},
        {"HTTP/1.1", "Connection: Keep-Alive, Close\r\n", false},
        {"HTTP/1.1", "Connection: upgrade\r\n", true},
        {"HTTP/1.0", "", false},
        {"HTTP/1.0", "Connection: keep-alive\r\n", true},
        {"HTTP/1.0", "Connection: foo,  KEEP-ALIVE\r\n", true},
        {"HTTP/1.0", "Connection: keep-alive\r\nConnection: close\r\n", false},
    }));
    const std::string text = std::string("GET / ") + version + "\r\n" + connection + "\r\n";
    INFO(text);
    auto parsed = parse_request(text);
    REQUIRE(parsed.status == parse_status::complete);
    CHECK(parsed.request.keep_alive == keep_alive);
    CHECK(parsed.request.version_minor == (std::string(version) == "HTTP/1.1" ? 1 : 0));
}

TEST_CASE("malformed requests are bad requests", "[http_request]") {
    auto text = GENERATE(as<std::string>{},
                         "GET /\r\n\r\n",                              // no version
                         "GET  / HTTP/1.1\r\n\r\n",                    // double space
                         "GET / HTTP/1.1 extra\r\n\r\n",               // trailing field
                         "GET / HTTP/2.0\r\n\r\n",                     // unsupported version
                         "GET / http/1.1\r\n\r\n",                     // version is case-sensitive
                         "G(T / HTTP/1.1\r\n\r\n",                     // method not a token
                         "GET items HTTP/1.1\r\n\r\n",                 // target not origin-form
                         "GET /a\x01 HTTP/1.1\r\n\r\n",                // control byte in target
                         "GET / HTTP/1.1\r\nHost : h\r\n\r\n",         // space before colon
                         "GET / HTTP/1.1\r\nno colon\r\n\r\n",         // not a header
                         "GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n",  // obsolete folding
                         "GET / HTTP/1.1\r\nA: b\x7f\r\n\r\n",         // DEL in a value
                         "GET / HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
                         "GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
                         "GET / HTTP/1.1\r\nContent-Length: 1 2\r\n\r\n",
                         "GET / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
                         "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
                         "GET / HTTP/1.0 x\r\nHost: h",                // a bad first line is known
                         "\x16\x03\x01\x02\x10\x01\x02\x0c\x03\x03");  // before the head ends
    INFO(text);
    auto parsed = parse_request(text);
    CHECK(parsed.status == parse_status::bad_request);
    CHECK(error_status(parsed.status) == 400);
}

TEST_CASE("equal repeated Content-Length headers are accepted", "[http_request]") {
    auto parsed =
        parse_request("POST /o HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nab");
    REQUIRE(parsed.status == parse_status::complete);
    CHECK(parsed.request.body == "ab");
}

TEST_CASE("limits on head and body size", "[http_request]") {
    const std::string big_header = "X-Big: " + std::string(max_head_bytes, 'a') + "\r\n";
    SECTION("a head over 16 KiB is too large, ended or not") {
        auto ended = parse_request("GET / HTTP/1.1\r\n" + big_header + "\r\n");
        CHECK(ended.status == parse_status::head_too_large);
        CHECK(error_status(ended.status) == 431);
        auto unended = parse_request("GET / HTTP/1.1\r\n" + big_header);
        CHECK(unended.status == parse_status::head_too_large);
    }
    SECTION("a head just under the limit is fine") {
        const std::string start = "GET / HTTP/1.1\r\nX: ";
        const std::string text =
            start + std::string(max_head_bytes - start.size() - 4, 'b') + "\r\n\r\n";
        REQUIRE(text.size() == max_head_bytes);
        CHECK(parse_request(text).status == parse_status::complete);
    }
    SECTION("a body over 1 MiB is too large before it arrives") {
        auto parsed = parse_request("POST /orders HTTP/1.1\r\nContent-Length: " +
                                    std::to_string(max_body_bytes + 1) + "\r\n\r\n");
        CHECK(parsed.status == parse_status::body_too_large);
        CHECK(error_status(parsed.status) == 413);
    }
    SECTION("a body of exactly 1 MiB is awaited and accepted") {
        const std::string head =
            "POST /orders HTTP/1.1\r\nContent-Length: " + std::to_string(max_body_bytes) +
            "\r\n\r\n";
        CHECK(parse_request(head).status == parse_status::incomplete);
        auto parsed = parse_request(head + std::string(max_body_bytes, 'x'));
        REQUIRE(parsed.status == parse_status::complete);
        CHECK(parsed.request.body.size() == max_body_bytes);
    }
}

TEST_CASE("chunked bodies are not implemented", "[http_request]") {
    auto parsed = parse_request("POST /orders HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
    CHECK(parsed.status == parse_status::not_implemented);
    CHECK(error_status(parsed.status) == 501);
}

TEST_CASE("the path drops query, fragment and absolute-form prefix", "[http_request]") {
    auto [target, path] = GENERATE(table<const char*, const char*>({
        {"/items/7", "/items/7"},
        {"/items/7?fields=name", "/items/7"},
        {"/static#top", "/static"},
        {"http://127.0.0.1:8080/items/7?x", "/items/7"},
        {"http://127.0.0.1:8080", "/"},
    }));
    auto parsed = parse_request(std::string("GET ") + target + " HTTP/1.1\r\n\r\n");
    REQUIRE(parsed.status == parse_status::complete);
    CHECK(parsed.request.path() == path);
}
