#pragma once
// `faultline run`: the whole run, from scenario file to results folder and exit code.
#include <string>
#include <vector>

#include <faultline/core/exit_code.hpp>

#include "scenario_loading.hpp"

namespace faultline::cli {

struct run_options {
    scenario_source source;   ///< the file, --set, --time-scale, --allow-host
    std::string results_dir;  ///< empty: results/<scenario>/<timestamp>
    bool progress = true;
    std::string store;           ///< --store: the run store's libpq conninfo; empty: none
    std::string metrics_listen;  ///< --metrics HOST:PORT: serve live metrics there; empty: none
    std::string metrics_token;   ///< --metrics-token: scrapes must carry it; needed off loopback
};

/// Runs the scenario and returns the process exit code. Never throws.
int run_command(const run_options& options);

/// `faultline report DIR`: renders the files made from summary.json again (junit.xml,
/// report.html).
/// Returns 0, or 2 when the folder holds no readable summary.
int report_command(const std::string& folder);

/// `faultline validate`: loads the scenario (as `source` changes it) and prints its problems.
/// Returns 0 or 2.
int validate_command(const scenario_source& source);

}  // namespace faultline::cli
