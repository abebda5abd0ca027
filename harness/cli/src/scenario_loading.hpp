#pragma once
// Loading the scenario a command names, as run, validate and check all do, with the options they
// share: the file, --set, --time-scale and --allow-host.
#include <optional>
#include <string>
#include <vector>

#include <faultline/scenario/scenario.hpp>

namespace CLI {
class App;
}  // namespace CLI

namespace faultline::cli {

/// What a command loads: the file and the command line's changes to it.
struct scenario_source {
    std::string path;
    std::vector<std::string> overrides;    ///< --set KEY=VALUE
    double time_scale = 1.0;               ///< --time-scale: scenario::load_options::time_scale
    std::vector<std::string> allow_hosts;  ///< --allow-host PATTERN
};

/// Adds the positional scenario file, --set, --time-scale and --allow-host to `command`.
void add_scenario_options(CLI::App& command, scenario_source& source);

/// Loads `source`. On a problem prints every diagnostic to stderr and returns nullopt (the
/// command exits 2). When scaled, prints the time-scale note to stdout first. With
/// `enforce_allow_list` false, hosts the allow-list refuses load anyway (check reports them).
std::optional<scenario::scenario> load_for_command(const scenario_source& source,
                                                   bool enforce_allow_list = true);

}  // namespace faultline::cli
