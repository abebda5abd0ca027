#include "scenario_subcommands.hpp"

#include <CLI/CLI.hpp>

#include "check_command.hpp"
#include "list_command.hpp"

namespace faultline::cli {

void add_time_scale_option(CLI::App& command, double& scale) {
    command
        .add_option("--time-scale", scale,
                    "Multiply the durations of the plan, faults and recovery (0.1: ten times "
                    "shorter)")
        ->check(CLI::PositiveNumber);
}

scenario_subcommands::scenario_subcommands(CLI::App& cli) {
    list_command_ = cli.add_subcommand("list",
                                       "List the scenarios of a folder with their names "
                                       "and descriptions");
    list_command_->add_option("folder", list_folder_, "Folder of *.toml scenarios")
        ->capture_default_str();
    list_command_->add_flag("-r,--recursive", recursive_, "Also list the scenarios of subfolders");

    check_command_ = cli.add_subcommand(
        "check",
        "Check that every address a scenario's run needs is reachable (or free), "
        "without sending load or starting anything");
    check_command_->add_option("scenario", check_.scenario_path, "Scenario file (TOML)")
        ->required();
    check_command_->add_option("--set", check_.overrides, "Override a scenario key");
    add_time_scale_option(*check_command_, check_.time_scale);
}

bool scenario_subcommands::selected() const {
    return list_command_->parsed() || check_command_->parsed();
}

int scenario_subcommands::run() const {
    if (list_command_->parsed())
        return list_command(list_folder_, recursive_);
    return check_command(check_);
}

}  // namespace faultline::cli
