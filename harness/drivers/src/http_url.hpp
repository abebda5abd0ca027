#pragma once
// The URLs a workload may target: http:// to any host (the allow-list is the loader's).
#include <string>
#include <string_view>

#include <faultline/core/endpoint.hpp>
#include <faultline/core/expected.hpp>

namespace faultline::drivers::detail {

/// A split URL. `path` is path plus query ("/" when the URL has none); `path_offset` is where
/// it starts in the URL text (the URL's length when the path was defaulted).
struct http_url {
    core::host_port target;
    bool https = false;
    std::string path;
    std::size_t path_offset = 0;
};

/// Parses "http[s]://HOST[:PORT][/PATH][?QUERY]": HOST an address ("[::1]" for IPv6) or a name;
/// PORT defaults to 80 (443 for https). The error says what was expected and what was found.
expected<http_url, std::string> parse_http_url(std::string_view url);

}  // namespace faultline::drivers::detail
