#pragma once
/// Which address families of a name a run dials: `[engine] dns_policy`.
#include <optional>
#include <string_view>

namespace faultline::net {

enum class family_policy {
    any,   ///< every address the name has, in the resolver's order
    ipv4,  ///< A records only
    ipv6,  ///< AAAA records only
};

/// "any", "ipv4" or "ipv6".
std::string_view to_string(family_policy policy) noexcept;
std::optional<family_policy> parse_family_policy(std::string_view text) noexcept;

}  // namespace faultline::net
