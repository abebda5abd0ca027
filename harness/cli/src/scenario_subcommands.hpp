#pragma once
// Command-line registration of `faultline list` and `faultline check`, and of the --time-scale
// option that run, validate and check share.
#include <string>

#include "run_command.hpp"

namespace CLI {
class App;
}  // namespace CLI

namespace faultline::cli {

/// The `list` and `check` subcommands registered on a CLI11 app; `selected()` after parsing
/// tells whether one was chosen, and `run()` runs it.
class scenario_subcommands {
public:
    explicit scenario_subcommands(CLI::App& cli);
    scenario_subcommands(const scenario_subcommands&) = delete;
    scenario_subcommands& operator=(const scenario_subcommands&) = delete;

    /// True when `list` or `check` was chosen on the command line.
    bool selected() const;
    /// Runs the chosen command; its exit code.
    int run() const;

private:
    std::string list_folder_ = "scenarios";
    bool recursive_ = false;
    run_options check_;  ///< its source: the file, --set, --time-scale, --allow-host
    CLI::App* list_command_ = nullptr;
    CLI::App* check_command_ = nullptr;
};

}  // namespace faultline::cli
