#include <catch2/catch.hpp>

#include <faultline/toxics/stream_direction.hpp>

using namespace faultline::proxies;

TEST_CASE("stream directions print and parse with Toxiproxy's names", "[proxies]") {
    CHECK(to_string(stream_direction::upstream) == "upstream");
    CHECK(to_string(stream_direction::downstream) == "downstream");
    for (const auto d : {stream_direction::upstream, stream_direction::downstream})
        CHECK(parse_stream_direction(to_string(d)) == d);
    CHECK_FALSE(parse_stream_direction("Upstream").has_value());
    CHECK_FALSE(parse_stream_direction("").has_value());
    CHECK_FALSE(parse_stream_direction("both").has_value());
}
