#pragma once
// The live state as scrape text: Prometheus' text format 0.0.4 (what Prometheus and promtool
// read by default) and OpenMetrics 1.0 (asked for with Accept: application/openmetrics-text).
#include <string>
#include <string_view>

#include <faultline/live/live_state.hpp>

namespace faultline::live {

inline constexpr std::string_view prometheus_content_type =
    "text/plain; version=0.0.4; charset=utf-8";
inline constexpr std::string_view openmetrics_content_type =
    "application/openmetrics-text; version=1.0.0; charset=utf-8";

enum class scrape_format { prometheus, openmetrics };

/// Every family with HELP and TYPE: the run (info), elapsed time, level and segment, requests
/// sent and completed by outcome, throughput and error ratio over the last second, latency as a
/// summary (quantiles over the last second, sum and count since the start), and each fault's
/// state. OpenMetrics ends with "# EOF".
std::string render_live_metrics(const live_state& state, scrape_format format);

/// The format an Accept header asks for.
scrape_format format_for_accept(std::string_view accept);

}  // namespace faultline::live
