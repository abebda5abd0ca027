#pragma once
// The spike and soak sections of summary.json.
#include <optional>

#include <nlohmann/json.hpp>

#include <faultline/report/run_result.hpp>

namespace faultline::report::detail {

/// "spike": baseline and spike spans, the SLO, the resolution, recovery overall and per
/// workload; null when the run had no spike.
nlohmann::ordered_json spike_json(const std::optional<spike_analysis>& spike);

/// "soak": the soak span, each series' fitted drift, the suspected leaks or degradations; null
/// when the run had no soak.
nlohmann::ordered_json soak_json(const std::optional<soak_analysis>& soak);

}  // namespace faultline::report::detail
