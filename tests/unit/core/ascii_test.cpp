#include <catch2/catch.hpp>

#include <faultline/core/ascii.hpp>

using faultline::core::icontains;
using faultline::core::iequals;

TEST_CASE("ASCII comparisons ignore case and nothing else", "[ascii]") {
    CHECK(iequals("Content-Length", "content-LENGTH"));
    CHECK_FALSE(iequals("Content-Length", "Content-Lengt"));
    CHECK_FALSE(iequals("a-b", "a_b"));
    CHECK(iequals("", ""));
    CHECK(icontains("keep-alive, Upgrade", "UPGRADE"));
    CHECK(icontains("chunked", "chunked"));
    CHECK_FALSE(icontains("close", "closed"));
    CHECK_FALSE(icontains("gzip", "chunked"));
    // Bytes outside A-Z are compared as they are (no locale folding).
    CHECK_FALSE(iequals("\xC3\x84", "\xC3\xA4"));
}
