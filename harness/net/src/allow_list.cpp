#include <algorithm>

#include <faultline/core/endpoint.hpp>
#include <faultline/net/allow_list.hpp>

namespace faultline::net {
namespace {

bool is_loopback(const asio::ip::address& address) {
    if (address.is_v6() && address.to_v6().is_v4_mapped())
        return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).is_loopback();
    return address.is_loopback();
}

std::string joined(const std::vector<asio::ip::address>& addresses) {
    std::string out;
    for (const auto& a : addresses)
        out += (out.empty() ? "" : ", ") + a.to_string();
    return out;
}

}  // namespace

std::optional<std::string> allow_list::allows_address(const asio::ip::address& address) const {
    if (is_loopback(address))
        return "loopback";
    for (const auto& p : patterns_) {
        if (p.allows_address(address))
            return "allowed by " + p.text;
    }
    return std::nullopt;
}

bool allow_list::has_address_patterns() const {
    return std::any_of(patterns_.begin(), patterns_.end(), [](const host_pattern& p) {
        return p.what == host_pattern::kind::address || p.what == host_pattern::kind::network;
    });
}

std::optional<std::string> allow_list::allows_host(std::string_view host) const {
    if (host == "localhost")
        return "loopback";
    if (core::is_ip_literal(host))
        return allows_address(asio::ip::make_address(std::string(host)));
    for (const auto& p : patterns_) {
        if (p.allows_name(host))
            return "allowed by " + p.text;
    }
    return std::nullopt;
}

admission admit(const allow_list& allowed, std::string_view host, const resolve_function& resolve) {
    if (auto why = allowed.allows_host(host))
        return {true, *why};
    if (core::is_ip_literal(host))
        return {false, "no pattern allows that address"};
    if (!allowed.has_address_patterns())
        return {false, "no pattern allows that name"};
    auto addresses = resolve(std::string(host));
    if (!addresses)
        return {false,
                "no pattern allows that name, and it does not resolve (" + addresses.error() + ")"};
    std::vector<asio::ip::address> outside;
    for (const auto& a : *addresses) {
        if (!allowed.allows_address(a))
            outside.push_back(a);
    }
    if (addresses->empty() || !outside.empty())
        return {false, "no pattern allows that name, and it resolves to " + joined(outside) +
                           ", outside every allowed network"};
    return {true, "resolves into allowed networks (" + joined(*addresses) + ")"};
}

std::string refusal_message(std::string_view host, const admission& decision) {
    const std::string name(host);
    return "host '" + name + "' is not allowed (" + decision.reason +
           "): faultline sends traffic only to loopback and to hosts the scenario allows; add \"" +
           name +
           "\" (or a pattern such as \"*.example.com\" or \"10.0.0.0/16\") to [targets] "
           "allow, or pass --allow-host " +
           name;
}

}  // namespace faultline::net
