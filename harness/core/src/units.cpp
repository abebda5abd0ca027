#include <charconv>
#include <cmath>
#include <cstdio>

#include <faultline/core/units.hpp>

namespace faultline::core {
namespace {

struct number_and_suffix {
    double value;
    std::string_view suffix;
};

// Splits "1.5ms" into 1.5 and "ms". Only plain decimal numbers: no exponent, no sign but '-',
// which is parsed so that the error can say "negative" rather than "not a number".
expected<number_and_suffix, std::string> split_number(std::string_view text) {
    std::size_t end = 0;
    if (end < text.size() && text[end] == '-')
        ++end;
    while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') || text[end] == '.')) {
        ++end;
    }
    double value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + end, value);
    if (ec != std::errc{} || ptr != text.data() + end || end == 0) {
        return make_unexpected("'" + std::string(text) + "' does not start with a number");
    }
    if (!std::isfinite(value))
        return make_unexpected("'" + std::string(text) + "' is not finite");
    return number_and_suffix{value, text.substr(end)};
}

}  // namespace

expected<nanoseconds, std::string> parse_duration(std::string_view text) {
    const std::string expected_form = "a duration such as \"250ms\", \"2s\" or \"1m\"";
    auto parsed = split_number(text);
    if (!parsed)
        return make_unexpected("expected " + expected_form + ", got '" + std::string(text) + "'");
    if (parsed->value < 0) {
        return make_unexpected("expected a non-negative duration, got '" + std::string(text) + "'");
    }
    double scale = 0;
    std::string_view s = parsed->suffix;
    if (s == "ns")
        scale = 1;
    else if (s == "us" || s == "\xC2\xB5s")
        scale = 1e3;
    else if (s == "ms")
        scale = 1e6;
    else if (s == "s")
        scale = 1e9;
    else if (s == "m")
        scale = 60e9;
    else if (s == "h")
        scale = 3600e9;
    else {
        return make_unexpected("expected " + expected_form + " (units ns, us, ms, s, m, h), got '" +
                               std::string(text) + "'");
    }
    double ns = parsed->value * scale;
    if (ns > 1e18)
        return make_unexpected("duration '" + std::string(text) + "' is too long");
    return nanoseconds{static_cast<std::int64_t>(std::llround(ns))};
}

expected<double, std::string> parse_percent(std::string_view text) {
    auto parsed = split_number(text);
    if (!parsed || parsed->suffix != "%") {
        return make_unexpected("expected a percentage such as \"1%\" or \"0.5%\", got '" +
                               std::string(text) + "'");
    }
    if (parsed->value < 0 || parsed->value > 100) {
        return make_unexpected("expected a percentage between 0% and 100%, got '" +
                               std::string(text) + "'");
    }
    return parsed->value / 100.0;
}

expected<double, std::string> parse_rate(std::string_view text) {
    auto parsed = split_number(text);
    const std::string form = "a rate such as \"500/s\" or \"30/m\"";
    if (!parsed)
        return make_unexpected("expected " + form + ", got '" + std::string(text) + "'");
    double per_second = 0;
    if (parsed->suffix == "/s")
        per_second = parsed->value;
    else if (parsed->suffix == "/m")
        per_second = parsed->value / 60.0;
    else if (parsed->suffix == "/h")
        per_second = parsed->value / 3600.0;
    else
        return make_unexpected("expected " + form + ", got '" + std::string(text) + "'");
    if (per_second <= 0) {
        return make_unexpected("expected a positive rate, got '" + std::string(text) + "'");
    }
    return per_second;
}

std::string format_duration(nanoseconds d) {
    const auto ns = static_cast<double>(d.count());
    char buf[64];
    auto fmt = [&](double v, const char* unit) {
        std::snprintf(buf, sizeof buf, "%.4g%s", v, unit);
        return std::string(buf);
    };
    const double abs_ns = std::fabs(ns);
    if (abs_ns < 1e3)
        return fmt(ns, "ns");
    if (abs_ns < 1e6)
        return fmt(ns / 1e3, "us");
    if (abs_ns < 1e9)
        return fmt(ns / 1e6, "ms");
    return fmt(ns / 1e9, "s");
}

}  // namespace faultline::core
