#pragma once
// The folder a run writes into: results/<scenario>/<YYYYmmdd-HHMMSS>/ or --results DIR.
#include <chrono>
#include <filesystem>
#include <string>

#include <faultline/core/expected.hpp>

namespace faultline::run {

/// Creates the folder (and parents) and copies the scenario file into it as scenario.toml.
expected<std::filesystem::path, std::string> prepare_results_folder(
    const std::string& requested, const std::string& scenario_name,
    const std::string& scenario_path, std::chrono::system_clock::time_point started);

}  // namespace faultline::run
