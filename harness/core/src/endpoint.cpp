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
    }
    unsigned port = 0;
    auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || ec != std::errc{} || ptr != port_text.data() + port_text.size() ||
        port > 65535) {
        return make_unexpected("port must be a number from 0 to 65535 in '" + std::string(text) +
                               "'");
    }
    if (host != "localhost") {
        error_code bad;
        asio::ip::make_address(std::string(host), bad);
        if (bad) {
            return make_unexpected("'" + std::string(host) +
                                   "' is not an IP address or \"localhost\"");
        }
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

std::string numeric_host(std::string_view host) {
    return host == "localhost" ? std::string("127.0.0.1") : std::string(host);
}

}  // namespace faultline::core
