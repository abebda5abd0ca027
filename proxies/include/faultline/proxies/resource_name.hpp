#pragma once
/// Names of proxies and toxics appear in URL paths and metric labels: they must stay printable.
#include <string>
#include <string_view>

namespace faultline::proxies {

/// Empty when `name` is acceptable; otherwise what is wrong, e.g. "must not contain '/'".
inline std::string name_problem(std::string_view name) {
    if (name.empty())
        return "must not be empty";
    if (name.size() > 256)
        return "is longer than 256 bytes";
    for (char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '/')
            return "must not contain '/'";
        if (byte < 0x20 || byte == 0x7f)
            return "must not contain control characters";
    }
    return {};
}

}  // namespace faultline::proxies
