#pragma once
// The spike and soak sections of summary.json.
#include <optional>

#include <nlohmann/json.hpp>

#include <faultline/report/run_result.hpp>

namespace faultline::report::detail {

nlohmann::ordered_json span_json(const faults::span& s);
nlohmann::ordered_json recovery_json(const faults::recovery& r);
nlohmann::ordered_json slo_json(const faults::slo& s);

/// "spike": baseline and spike spans, the SLO, the resolution, recovery overall and per
/// workload; null when the run had no spike.
nlohmann::ordered_json spike_json(const std::optional<spike_analysis>& spike);

/// "soak": the soak span, each series' fitted drift, the suspected leaks or degradations; null
/// when the run had no soak.
nlohmann::ordered_json soak_json(const std::optional<soak_analysis>& soak);

/// "faults": one entry per fault (the results contract's, plus what it touched and its times);
/// an empty array without faults.
nlohmann::ordered_json faults_json(const std::optional<drill_analysis>& drill);

/// "cascade": detected and the spillover workloads in order.
nlohmann::ordered_json cascade_json(const std::optional<drill_analysis>& drill);

}  // namespace faultline::report::detail
