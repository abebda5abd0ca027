#pragma once
/// ASCII case-insensitive comparisons for protocol tokens (HTTP header names and values).
/// Locale-independent and allocation-free.
#include <string_view>

namespace faultline::core {

/// 'A'..'Z' lowered; every other byte unchanged.
constexpr char ascii_lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

/// True when `a` and `b` are equal ignoring ASCII case.
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i]))
            return false;
    }
    return true;
}

/// True when `needle` occurs in `haystack` ignoring ASCII case.
constexpr bool icontains(std::string_view haystack, std::string_view needle) noexcept {
    if (needle.size() > haystack.size())
        return false;
    for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
        if (iequals(haystack.substr(i, needle.size()), needle))
            return true;
    }
    return false;
}

}  // namespace faultline::core
