#pragma once
// The path of a request target, split into percent-decoded segments for routing.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faultline::proxy_api::detail {

/// "/proxies/a%20b/toxics?x" → {"proxies", "a b", "toxics"}. The query and fragment are dropped;
/// "/" gives no segments; empty segments are kept ("/proxies/" → {"proxies", ""}). nullopt when
/// the target does not start with '/' or holds a malformed %-escape.
std::optional<std::vector<std::string>> path_segments(std::string_view target);

}  // namespace faultline::proxy_api::detail
