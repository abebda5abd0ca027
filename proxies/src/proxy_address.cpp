#include "proxy_address.hpp"

namespace faultline::proxies {

std::string endpoint_text(const tcp::endpoint& endpoint) {
    return core::host_port{endpoint.address().to_string(), endpoint.port()}.to_string();
}

expected<listen_address, std::string> parse_listen_address(const std::string& text) {
    std::string full = text;
    if (full.empty())
        full = "127.0.0.1:0";
    else if (full.front() == ':')
        full = "127.0.0.1" + full;
    auto parsed = core::parse_host_port(full);
    if (!parsed)
        return make_unexpected("listen: " + parsed.error());
    if (!core::is_ip_literal(parsed->host) && parsed->host != "localhost") {
        return make_unexpected("listen: '" + parsed->host +
                               "' is not an address of this machine (give an IP address such as "
                               "127.0.0.1, 0.0.0.0 or [::])");
    }
    listen_address result;
    result.endpoint =
        tcp::endpoint(asio::ip::make_address(core::numeric_host(parsed->host)), parsed->port);
    result.text = endpoint_text(result.endpoint);
    return result;
}

expected<upstream_address, std::string> parse_upstream_address(const std::string& text) {
    auto parsed = core::parse_host_port(text);
    if (!parsed)
        return make_unexpected("upstream: " + parsed.error());
    upstream_address result;
    result.target = core::host_port{core::numeric_host(parsed->host), parsed->port};
    result.text = result.target.to_string();
    return result;
}

}  // namespace faultline::proxies
