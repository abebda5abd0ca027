#include <faultline/core/ascii.hpp>
#include <faultline/core/bearer_token.hpp>

namespace faultline::core {

std::optional<std::string_view> bearer_token(std::string_view authorization) noexcept {
    constexpr std::string_view scheme = "bearer ";
    if (authorization.size() < scheme.size() ||
        !iequals(authorization.substr(0, scheme.size()), scheme)) {
        return std::nullopt;
    }
    std::string_view token = authorization.substr(scheme.size());
    while (!token.empty() && token.front() == ' ')
        token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ')
        token.remove_suffix(1);
    return token;
}

bool constant_time_equals(std::string_view a, std::string_view b) noexcept {
    // Walk the longer length whatever the contents, so time tells only the lengths.
    const std::size_t n = a.size() > b.size() ? a.size() : b.size();
    unsigned diff = a.size() == b.size() ? 0u : 1u;
    for (std::size_t i = 0; i < n; ++i) {
        const auto x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0u;
        const auto y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0u;
        diff |= x ^ y;
    }
    return diff == 0;
}

bool carries_token(std::optional<std::string_view> authorization, std::string_view token) noexcept {
    const auto given = authorization ? bearer_token(*authorization) : std::nullopt;
    return given && constant_time_equals(*given, token);
}

}  // namespace faultline::core
