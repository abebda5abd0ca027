#include <charconv>

#include <faultline/core/asio.hpp>
#include <faultline/core/endpoint.hpp>

namespace faultline::core {

std::string host_port::to_string() const {
    if (host.find(':') != std::string::npos)
        return "[" + host + "]:" + std::to_string(port);
    return host + ":" + std::to_string(port);
}

expected<host_port, std::string> parse_host_port(std::string_view text) {
    const std::string form =
        "expected \"host:port\" such as \"127.0.0.1:8080\", got '" + std::string(text) + "'";
    std::string_view host;
    std::string_view port_text;
    if (!text.empty() && text.front() == '[') {
        auto close = text.find(']');
        if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
            return make_unexpected(form);
        }
        host = text.substr(1, close - 1);
        port_text = text.substr(close + 2);
    } else {
        auto colon = text.rfind(':');
        if (colon == std::string_view::npos || colon == 0)
            return make_unexpected(form);
        host = text.substr(0, colon);
        port_text = text.substr(colon + 1);
        if (host.find(':') != std::string_view::npos)
            return make_unexpected("an IPv6 address goes in brackets, as in \"[::1]:80\", got '" +
                                   std::string(text) + "'");
    }
    unsigned port = 0;
    auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || ec != std::errc{} || ptr != port_text.data() + port_text.size() ||
        port > 65535) {
        return make_unexpected("port must be a number from 0 to 65535 in '" + std::string(text) +
                               "'");
    }
    if (!is_ip_literal(host) && !is_host_name(host)) {
        return make_unexpected("'" + std::string(host) +
                               "' is not an IP address or a host name (in '" + std::string(text) +
                               "'; an IPv6 address goes in brackets: \"[::1]:80\")");
    }
    return host_port{std::string(host), static_cast<std::uint16_t>(port)};
}

bool is_loopback_host(std::string_view host) {
    if (host == "localhost")
        return true;
    error_code bad;
    auto address = asio::ip::make_address(std::string(host), bad);
    return !bad && address.is_loopback();
}

bool is_ip_literal(std::string_view host) {
    error_code bad;
    asio::ip::make_address(std::string(host), bad);
    return !bad;
}

bool is_host_name(std::string_view host) {
    if (!host.empty() && host.back() == '.')
        host.remove_suffix(1);
    if (host.empty() || host.size() > 253)
        return false;
    bool any_letter = false;
    std::size_t label = 0;
    char previous = '.';
    for (const char c : host) {
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        const bool digit = c >= '0' && c <= '9';
        if (c == '.') {
            if (label == 0 || previous == '-')
                return false;
            label = 0;
        } else if (letter || digit || c == '-') {
            if ((c == '-' && label == 0) || ++label > 63)
                return false;
            any_letter = any_letter || letter || c == '-';
        } else {
            return false;
        }
        previous = c;
    }
    return label > 0 && previous != '-' && any_letter;
}

std::string numeric_host(std::string_view host) {
    return host == "localhost" ? std::string("127.0.0.1") : std::string(host);
}

}  // namespace faultline::core
