#include <faultline/net/family_policy.hpp>

namespace faultline::net {

std::string_view to_string(family_policy policy) noexcept {
    switch (policy) {
        case family_policy::ipv4:
            return "ipv4";
        case family_policy::ipv6:
            return "ipv6";
        case family_policy::any:
            break;
    }
    return "any";
}

std::optional<family_policy> parse_family_policy(std::string_view text) noexcept {
    for (const auto p : {family_policy::any, family_policy::ipv4, family_policy::ipv6}) {
        if (text == to_string(p))
            return p;
    }
    return std::nullopt;
}

}  // namespace faultline::net
