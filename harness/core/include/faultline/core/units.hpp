#pragma once
/// Parsing and printing of the text units scenarios use: "250ms", "2s", "1%", "500/s".
#include <string>
#include <string_view>

#include <faultline/core/clock.hpp>
#include <faultline/core/expected.hpp>

namespace faultline::core {

/// Parses a non-negative duration: a decimal number followed by one of ns, us, µs, ms, s, m, h
/// ("250ms", "1.5s", "2m"). A bare number is an error: units are always explicit.
/// Returns an error message saying what was expected.
expected<nanoseconds, std::string> parse_duration(std::string_view text);

/// Parses a percentage "0.5%" into a fraction (0.005). Accepts 0% to 100%.
expected<double, std::string> parse_percent(std::string_view text);

/// Parses a rate "500/s", "30/m", "2000/s" into events per second (> 0).
expected<double, std::string> parse_rate(std::string_view text);

/// Formats a duration with the largest unit that keeps it readable: "250ms", "1.5s", "80us".
std::string format_duration(nanoseconds d);

}  // namespace faultline::core
