#include "http_url.hpp"

#include <algorithm>

namespace faultline::drivers::detail {
namespace {

constexpr std::string_view form =
    "an http:// or https:// URL such as \"http://127.0.0.1:8080/items\"";

expected<core::host_port, std::string> parse_authority(std::string_view authority,
                                                       std::string_view default_port) {
    if (authority.empty())
        return make_unexpected("the URL has no host");
    if (authority.find('@') != std::string_view::npos) {
        return make_unexpected("user information ('user@') in URLs is not supported");
    }
    bool has_port = false;
    if (authority.front() == '[') {
        const auto close = authority.find(']');
        has_port = close != std::string_view::npos && close + 1 < authority.size();
    } else {
        const auto colons = std::count(authority.begin(), authority.end(), ':');
        if (colons > 1)
            return make_unexpected("IPv6 addresses need brackets, as in http://[::1]:8080/");
        has_port = colons == 1;
    }
    std::string text(authority);
    if (!has_port)
        text += default_port;
    auto parsed = core::parse_host_port(text);
    if (!parsed)
        return make_unexpected(parsed.error());
    if (parsed->port == 0)
        return make_unexpected("port 0 cannot be a target");
    return *parsed;
}

}  // namespace

expected<http_url, std::string> parse_http_url(std::string_view url) {
    const bool https = url.starts_with("https://");
    const std::string_view scheme = https ? "https://" : "http://";
    if (!url.starts_with(scheme)) {
        return make_unexpected("expected " + std::string(form) + ", got '" + std::string(url) +
                               "'");
    }
    for (char c : url) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            return make_unexpected("URLs cannot contain whitespace (encode a space as %20), got '" +
                                   std::string(url) + "'");
        }
    }
    if (url.find('#') != std::string_view::npos) {
        return make_unexpected("URL fragments ('#...') are never sent; remove it from '" +
                               std::string(url) + "'");
    }
    const std::string_view rest = url.substr(scheme.size());
    const auto path_start = std::min(rest.find_first_of("/?"), rest.size());
    auto target = parse_authority(rest.substr(0, path_start), https ? ":443" : ":80");
    if (!target)
        return make_unexpected(target.error() + " in '" + std::string(url) + "'");
    http_url result{*target, https, std::string(rest.substr(path_start)),
                    scheme.size() + path_start};
    if (result.path.empty())
        result.path = "/";
    else if (result.path.front() == '?') {
        result.path.insert(0, "/");
        --result.path_offset;  // so that path_offset + i still maps path[i >= 1] into the URL
    }
    return result;
}

}  // namespace faultline::drivers::detail
