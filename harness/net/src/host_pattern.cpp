#include <charconv>

#include <faultline/core/ascii.hpp>
#include <faultline/core/endpoint.hpp>
#include <faultline/net/host_pattern.hpp>

namespace faultline::net {
namespace {

const std::string expected_forms =
    "expected a host name (api.example.com), a wildcard over subdomains (*.example.com), an IP "
    "address (10.0.0.7) or a CIDR network (10.0.0.0/16, fd00::/8)";

std::string lowered(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = core::ascii_lower(c);
    if (!out.empty() && out.back() == '.')
        out.pop_back();
    return out;
}

// The address with every bit past `prefix` cleared.
asio::ip::address masked(const asio::ip::address& address, unsigned prefix) {
    auto clear = [prefix](auto bytes) {
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            const std::size_t first_bit = i * 8;
            if (first_bit >= prefix)
                bytes[i] = 0;
            else if (first_bit + 8 > prefix)
                bytes[i] =
                    static_cast<unsigned char>(bytes[i] & (0xFFu << (first_bit + 8 - prefix)));
        }
        return bytes;
    };
    if (address.is_v4())
        return asio::ip::make_address_v4(clear(address.to_v4().to_bytes()));
    return asio::ip::make_address_v6(clear(address.to_v6().to_bytes()));
}

expected<host_pattern, std::string> parse_network(std::string_view text, std::size_t slash) {
    host_pattern p;
    p.what = host_pattern::kind::network;
    p.text = std::string(text);
    error_code bad;
    p.network = asio::ip::make_address(std::string(text.substr(0, slash)), bad);
    const std::string_view bits = text.substr(slash + 1);
    auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), p.prefix_length);
    const unsigned most = p.network.is_v4() ? 32 : 128;
    if (bad || bits.empty() || ec != std::errc{} || end != bits.data() + bits.size() ||
        p.prefix_length > most) {
        return make_unexpected(std::string(text) + ": not a CIDR network (an address, '/', and a " +
                               "prefix length of 0 to 32 for IPv4 or 0 to 128 for IPv6)");
    }
    const auto network = masked(p.network, p.prefix_length);
    if (network != p.network) {
        return make_unexpected(std::string(text) + ": bits are set beyond the /" +
                               std::to_string(p.prefix_length) + " prefix (the network is " +
                               network.to_string() + "/" + std::to_string(p.prefix_length) + ")");
    }
    return p;
}

}  // namespace

bool host_pattern::allows_name(std::string_view host) const {
    const std::string candidate = lowered(host);
    if (what == kind::name)
        return candidate == name;
    if (what == kind::wildcard)
        return candidate.size() > name.size() &&
               candidate.compare(candidate.size() - name.size(), name.size(), name) == 0;
    return false;
}

bool host_pattern::allows_address(const asio::ip::address& address) const {
    asio::ip::address candidate = address;
    if (candidate.is_v6() && candidate.to_v6().is_v4_mapped())
        candidate = asio::ip::make_address_v4(asio::ip::v4_mapped, candidate.to_v6());
    if (what == kind::address)
        return candidate == network;
    if (what == kind::network)
        return candidate.is_v4() == network.is_v4() && masked(candidate, prefix_length) == network;
    return false;
}

expected<host_pattern, std::string> parse_host_pattern(std::string_view text) {
    if (text.empty())
        return make_unexpected("an empty pattern: " + expected_forms);
    if (const auto slash = text.find('/'); slash != std::string_view::npos)
        return parse_network(text, slash);
    std::string_view bare = text;
    if (bare.size() > 2 && bare.front() == '[' && bare.back() == ']')
        bare = bare.substr(1, bare.size() - 2);
    host_pattern p;
    p.text = std::string(text);
    if (core::is_ip_literal(bare)) {
        p.what = host_pattern::kind::address;
        p.network = asio::ip::make_address(std::string(bare));
        return p;
    }
    if (text.size() > 2 && text.substr(0, 2) == "*." && core::is_host_name(text.substr(2))) {
        p.what = host_pattern::kind::wildcard;
        p.name = "." + lowered(text.substr(2));
        return p;
    }
    if (core::is_host_name(text)) {
        p.what = host_pattern::kind::name;
        p.name = lowered(text);
        return p;
    }
    return make_unexpected("'" + std::string(text) + "': " + expected_forms);
}

}  // namespace faultline::net
