#pragma once
/// The files rendered from summary.json (the results contract) rather than from the live run, so
/// that `faultline report DIR` re-renders them from a results folder alone.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace faultline::report {

/// What a rendering may take from its surroundings; tests fix it for golden files.
struct render_context {
    std::string host;  ///< the machine named in the output; empty: this machine's name
};

/// junit.xml: one test case per threshold, SLO check, capacity minimum and fault, then the
/// accounting invariant and the verdict, with failure messages CI systems display.
std::string render_junit_xml(const nlohmann::json& summary, const render_context& context = {});

/// Reads FOLDER/summary.json and writes every file rendered from it (junit.xml). Throws
/// std::runtime_error naming the file when it cannot be read, parsed or written.
void render_results_folder(const std::filesystem::path& folder, const render_context& context = {});

}  // namespace faultline::report
