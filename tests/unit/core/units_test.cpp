#include <catch2/catch.hpp>

#include <faultline/core/units.hpp>

using namespace std::chrono_literals;
using faultline::core::parse_duration;
using faultline::core::parse_percent;
using faultline::core::parse_rate;

TEST_CASE("durations parse with every unit", "[units]") {
    auto [text, expected] = GENERATE(table<const char*, faultline::nanoseconds>({
        {"250ms", 250ms},
        {"2s", 2s},
        {"1.5s", 1500ms},
        {"80us", 80us},
        {"7ns", 7ns},
        {"2m", 120s},
        {"1h", 3600s},
        {"0s", 0s},
        {"0.5ms", 500us},
    }));
    INFO(text);
    auto parsed = parse_duration(text);
    REQUIRE(parsed.has_value());
    CHECK(*parsed == expected);
}

TEST_CASE("bad durations are rejected with a reason", "[units]") {
    auto [text, reason] = GENERATE(table<const char*, const char*>({
        {"5", "units"},
        {"-1s", "non-negative"},
        {"abc", "duration"},
        {"1.5", "units"},
        {"10 ms", "units"},
        {"", "duration"},
        {"3days", "units"},
    }));
    INFO(text);
    auto parsed = parse_duration(text);
    REQUIRE_FALSE(parsed.has_value());
    CHECK_THAT(parsed.error(), Catch::Contains(reason));
}

TEST_CASE("percentages become fractions", "[units]") {
    CHECK(*parse_percent("1%") == Approx(0.01));
    CHECK(*parse_percent("0.5%") == Approx(0.005));
    CHECK(*parse_percent("100%") == Approx(1.0));
    CHECK_FALSE(parse_percent("1").has_value());
    CHECK_FALSE(parse_percent("101%").has_value());
    CHECK_FALSE(parse_percent("-1%").has_value());
}

TEST_CASE("rates become events per second", "[units]") {
    CHECK(*parse_rate("500/s") == Approx(500));
    CHECK(*parse_rate("30/m") == Approx(0.5));
    CHECK_FALSE(parse_rate("500").has_value());
    CHECK_FALSE(parse_rate("0/s").has_value());
}

TEST_CASE("durations format with a readable unit", "[units]") {
    CHECK(faultline::core::format_duration(250ms) == "250ms");
    CHECK(faultline::core::format_duration(1500ms) == "1.5s");
    CHECK(faultline::core::format_duration(80us) == "80us");
}
