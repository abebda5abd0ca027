#include "proxy_address.hpp"

#include <faultline/core/endpoint.hpp>

namespace faultline::proxies {

namespace {
expected<proxy_address, std::string> parse(const std::string& text, std::string_view what,
                                           bool loopback_only) {
    auto parsed = core::parse_host_port(text);
    if (!parsed)
        return make_unexpected(std::string(what) + ": " + parsed.error());
    if (loopback_only && !core::is_loopback_host(parsed->host)) {
        return make_unexpected(std::string(what) + ": '" + parsed->host +
                               "' is not a loopback address (faultline's proxy only listens on and "
                               "connects to loopback addresses)");
    }
    proxy_address result;
    result.endpoint =
        tcp::endpoint(asio::ip::make_address(core::numeric_host(parsed->host)), parsed->port);
    result.text = core::host_port{core::numeric_host(parsed->host), parsed->port}.to_string();
    return result;
}
}  // namespace

expected<proxy_address, std::string> parse_listen_address(const std::string& text,
                                                          bool loopback_only) {
    if (text.empty())
        return parse("127.0.0.1:0", "listen", loopback_only);
    if (text.front() == ':')
        return parse("127.0.0.1" + text, "listen", loopback_only);
    return parse(text, "listen", loopback_only);
}

expected<proxy_address, std::string> parse_upstream_address(const std::string& text,
                                                            bool loopback_only) {
    return parse(text, "upstream", loopback_only);
}

}  // namespace faultline::proxies
