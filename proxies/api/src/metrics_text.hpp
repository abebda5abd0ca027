#pragma once
// GET /metrics: the proxies' traffic and each toxic's counters in the OpenMetrics text format.
#include <string>
#include <string_view>
#include <vector>

#include <faultline/proxies/proxy_server.hpp>

namespace faultline::proxy_api::detail {

/// The content type OpenMetrics 1.0 prescribes.
inline constexpr std::string_view openmetrics_content_type =
    "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Every family with its TYPE and HELP lines, one sample per proxy (and direction) or toxic,
/// ending with "# EOF".
std::string render_metrics(const std::vector<proxies::proxy_view>& proxies);

/// `value` escaped for a label value: backslash, double quote and newline.
std::string escape_label(std::string_view value);

}  // namespace faultline::proxy_api::detail
