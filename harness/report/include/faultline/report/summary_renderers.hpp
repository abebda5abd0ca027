#pragma once
/// The files rendered from summary.json (the results contract) rather than from the live run, so
/// that `faultline report DIR` re-renders them from a results folder alone.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include <faultline/report/timeline_csv_reader.hpp>

namespace faultline::report {

/// What a rendering may take from its surroundings; tests fix it for golden files.
struct render_context {
    std::string host;  ///< the machine named in the output; empty: this machine's name
    /// FNV-1a 64 of the scenario file as run, 16 hex digits (report.html shows it); empty: not
    /// known. render_results_folder fills it from FOLDER/scenario.toml when left empty.
    std::string scenario_hash;
};

/// junit.xml: one test case per threshold, SLO check, capacity minimum and fault, then the
/// accounting invariant and the verdict, with failure messages CI systems display.
std::string render_junit_xml(const nlohmann::json& summary, const render_context& context = {});

/// report.html: one self-contained page (inline CSS and SVG, no script, no external reference,
/// readable on a narrow screen): the verdict and its reasons first, then the run's metadata,
/// throughput, error rate, p50 and p99 over time per workload (from `timeline`, with the faults
/// as bands and the step starts as lines), the steps with the breaking point, the throughput
/// curve with the knee and the USL fit, each fault's recovery and the cascade, the thresholds and
/// min_capacity. Sections whose data the summary lacks are left out. Every string from the
/// summary is escaped; each per-workload line is `class="series" data-workload="NAME"`. The same
/// inputs always give the same text.
std::string render_html_report(const nlohmann::json& summary, const timeline_rows& timeline,
                               const render_context& context = {});

/// Reads FOLDER/summary.json (and FOLDER/timeline.csv and FOLDER/scenario.toml when present) and
/// writes every file rendered from them: each from_folder writer of builtin_writers()
/// (results_writer.hpp), junit.xml and report.html today. Throws std::runtime_error naming the
/// file when summary.json cannot be read or parsed, or an output cannot be written.
void render_results_folder(const std::filesystem::path& folder, const render_context& context = {});

}  // namespace faultline::report
