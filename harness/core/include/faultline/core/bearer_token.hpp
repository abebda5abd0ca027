#pragma once
/// Bearer tokens on HTTP endpoints faultline serves (the proxies' control API, the live
/// metrics): reading the Authorization header, and a compare that leaks nothing but lengths.
#include <optional>
#include <string_view>

namespace faultline::core {

/// The token of an "Authorization: Bearer TOKEN" value (scheme case-insensitive, spaces around
/// the token dropped); nullopt for another scheme.
std::optional<std::string_view> bearer_token(std::string_view authorization) noexcept;

/// True when `a` equals `b`, in time that depends only on their lengths.
bool constant_time_equals(std::string_view a, std::string_view b) noexcept;

/// True when `authorization` (the header's value; nullopt: absent) carries `token`.
bool carries_token(std::optional<std::string_view> authorization, std::string_view token) noexcept;

}  // namespace faultline::core
