#pragma once
// One field of the CSV files faultline writes, quoted as RFC 4180 says when it must be.
#include <string>
#include <string_view>

namespace faultline::report {

/// `text` as it goes between commas: as is, or in double quotes (inner quotes doubled) when it
/// holds a comma, a quote, a carriage return or a line feed.
inline std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(text);
    std::string out = "\"";
    for (const char c : text) {
        out += c;
        if (c == '"')
            out += '"';
    }
    return out + '"';
}

}  // namespace faultline::report
