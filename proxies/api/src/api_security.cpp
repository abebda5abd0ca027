#include <charconv>

#include <faultline/core/ascii.hpp>
#include <faultline/core/asio.hpp>
#include <faultline/core/bearer_token.hpp>
#include <faultline/core/endpoint.hpp>
#include <faultline/proxy_api/api_security.hpp>

namespace faultline::proxy_api {
namespace {

bool valid_port(std::string_view text) {
    unsigned number = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    return !text.empty() && ec == std::errc{} && end == text.data() + text.size() &&
           number <= 65535;
}

// The host part of a Host header ("[::1]:8474" → "::1", "localhost:80" → "localhost"), or
// nullopt when the header is malformed.
std::optional<std::string_view> host_of(std::string_view value) {
    std::string_view host = value;
    std::optional<std::string_view> port;
    if (!value.empty() && value.front() == '[') {
        const auto close = value.find(']');
        if (close == std::string_view::npos)
            return std::nullopt;
        host = value.substr(1, close - 1);
        const std::string_view rest = value.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':')
                return std::nullopt;
            port = rest.substr(1);
        }
    } else if (const auto colon = value.find(':'); colon != std::string_view::npos) {
        if (value.find(':', colon + 1) != std::string_view::npos)
            return std::nullopt;  // an IPv6 literal must be bracketed
        host = value.substr(0, colon);
        port = value.substr(colon + 1);
    }
    if (host.empty() || (port && !valid_port(*port)))
        return std::nullopt;
    return host;
}

bool host_allowed(std::string_view header, std::string_view bind_host) {
    const auto host = host_of(header);
    if (!host)
        return false;
    if (core::iequals(*host, "localhost"))
        return true;
    error_code bad;
    const auto address = asio::ip::make_address(std::string(*host), bad);
    if (bad)
        return false;  // a domain name: the shape of a DNS-rebinding attack
    if (address.is_loopback())
        return true;
    const auto bound = asio::ip::make_address(std::string(bind_host), bad);
    if (bad)
        return false;
    return bound.is_unspecified() || bound == address;
}

}  // namespace

std::optional<api_response> check_security(const api_request& request,
                                           const api_security& security) {
    if (request.origin)
        return error_response(403,
                              "requests from web pages (with an Origin header) are not allowed");
    if (request.host && !host_allowed(*request.host, security.bind_host))
        return error_response(403,
                              "Host not allowed: use a loopback address or the API's own address");
    if (request.user_agent && request.user_agent->rfind("Mozilla/", 0) == 0)
        return error_response(403, "User agent not allowed");
    if (!security.token.empty()) {
        std::optional<std::string_view> given;
        if (request.authorization)
            given = *request.authorization;
        if (!core::carries_token(given, security.token))
            return error_response(
                401, "missing or wrong API token: send \"Authorization: Bearer <token>\"");
    }
    return std::nullopt;
}

std::string check_bind(std::string_view bind_host, std::string_view token) {
    if (core::is_loopback_host(bind_host) || !token.empty())
        return {};
    return "refusing to serve the control API on " + std::string(bind_host) +
           " without a token: anyone who can reach it could inject faults. Pass --api-token, or "
           "bind a loopback address such as 127.0.0.1";
}

}  // namespace faultline::proxy_api
