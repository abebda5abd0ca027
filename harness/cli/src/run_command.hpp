#pragma once
// `faultline run`: the whole run, from scenario file to results folder and exit code.
#include <string>
#include <vector>

#include <faultline/core/exit_code.hpp>

namespace faultline::cli {

struct run_options {
    std::string scenario_path;
    std::string results_dir;             ///< empty: results/<scenario>/<timestamp>
    std::vector<std::string> overrides;  ///< --set KEY=VALUE
    bool progress = true;
    double time_scale = 1.0;     ///< --time-scale: scenario::load_options::time_scale
    std::string store;           ///< --store: the run store's libpq conninfo; empty: none
    std::string metrics_listen;  ///< --metrics HOST:PORT: serve live metrics there; empty: none
};

/// Runs the scenario and returns the process exit code. Never throws.
int run_command(const run_options& options);

/// `faultline report DIR`: renders the files made from summary.json again (junit.xml,
/// report.html).
/// Returns 0, or 2 when the folder holds no readable summary.
int report_command(const std::string& folder);

/// `faultline validate`: loads the scenario (its durations ×`time_scale`) and prints its
/// problems. Returns 0 or 2.
int validate_command(const std::string& scenario_path, const std::vector<std::string>& overrides,
                     double time_scale = 1.0);

}  // namespace faultline::cli
