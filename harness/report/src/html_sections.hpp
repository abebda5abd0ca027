#pragma once
// The sections of report.html, each rendered from summary.json (and timeline.csv for the charts
// over time). A section whose data is absent renders as an empty string.
#include <string>

#include <nlohmann/json.hpp>

#include <faultline/report/timeline_csv_reader.hpp>

namespace faultline::report::html {

/// Throughput, error rate, p50 and p99 over time, one series per workload, with the faults as
/// bands and the step starts as vertical lines. Says "no timeline.csv" when there was none.
std::string time_charts_section(const nlohmann::json& summary, const timeline_rows& timeline);

/// The steps table (breaking point and capacity marked, tripped criteria), the breaking-point
/// findings and the throughput-versus-level curve with the knee and the USL fit.
std::string steps_section(const nlohmann::json& summary);

/// Per fault: when it ran and each workload's recovery; then the cascade finding.
std::string faults_section(const nlohmann::json& summary);

/// Each threshold: expression, workload, window kind, value, limit, passed.
std::string thresholds_section(const nlohmann::json& summary);

/// Per workload whose driver measures them, the request phases' quantiles over the whole run.
std::string phases_section(const nlohmann::json& summary);
/// The capacity minimum (breaking_point.min_capacity) when the scenario set one.
std::string min_capacity_section(const nlohmann::json& summary);

}  // namespace faultline::report::html
