#pragma once
/// Reading a results folder's summary.json back (for `faultline report` and `faultline compare`).
#include <filesystem>

#include <nlohmann/json.hpp>

namespace faultline::report {

/// Reads and parses FOLDER/summary.json. Throws std::runtime_error whose message names the file
/// and says why: missing, not JSON, or not a faultline summary (no "verdict" at the top level).
nlohmann::json read_summary_json(const std::filesystem::path& folder);

}  // namespace faultline::report
