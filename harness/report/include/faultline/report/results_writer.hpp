#pragma once
/// The results folder's files, each made by one writer registered in one list
/// (builtin_writers.cpp) and called from one place: write_results_folder after a run,
/// render_results_folder for `faultline report DIR`. Never concurrently. See CREATING_WRITERS.md.
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <faultline/report/run_result.hpp>
#include <faultline/report/summary_renderers.hpp>
#include <faultline/report/timeline_csv_reader.hpp>
#include <faultline/stats/timeline.hpp>

namespace faultline::report {

/// What a finished run hands its writers.
struct run_output {
    const run_result& result;
    const stats::timeline& timeline;
    std::span<const double> bucket_end_s;  ///< when each bucket ended, seconds since the start
};

/// What the files rendered from a results folder are made from: FOLDER/summary.json,
/// FOLDER/timeline.csv (empty when absent) and the context (the hash of FOLDER/scenario.toml
/// filled in when known).
struct folder_input {
    nlohmann::json summary;
    timeline_rows timeline;
    render_context context;
};

/// One file of the results folder. Exactly one of `from_run` (written from the live run) and
/// `from_folder` (rendered from what the run wrote before it, again by `faultline report`) is
/// set. Both throw std::runtime_error when they cannot do their work.
struct results_writer {
    std::string_view file;  ///< its name in the folder: "summary.json"
    void (*from_run)(const run_output& run, const std::filesystem::path& file);
    std::string (*from_folder)(const folder_input& input);
};

/// Every writer, in the order they run: the run's files, then those rendered from them.
std::span<const results_writer* const> builtin_writers();

/// Writes every file of `folder` for a finished run: each from_run writer, then each
/// from_folder one over what they wrote. Throws std::runtime_error naming the file that could
/// not be written.
void write_results_folder(const run_output& run, const std::filesystem::path& folder,
                          const render_context& context = {});

}  // namespace faultline::report
