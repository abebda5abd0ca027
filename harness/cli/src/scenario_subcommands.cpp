#include "scenario_subcommands.hpp"

#include <CLI/CLI.hpp>

#include "check_command.hpp"
#include "list_command.hpp"

namespace faultline::cli {

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
    add_scenario_options(*check_command_, check_.source);
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
