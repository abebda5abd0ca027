#include "scenario_loading.hpp"

#include <iostream>

#include <CLI/CLI.hpp>

#include <faultline/scenario/loader.hpp>

namespace faultline::cli {

void add_scenario_options(CLI::App& command, scenario_source& source) {
    command.add_option("scenario", source.path, "Scenario file (TOML)")->required();
    command.add_option("--set", source.overrides, "Override a scenario key: --set ramp.max=64");
    command
        .add_option("--time-scale", source.time_scale,
                    "Multiply the durations of the plan, faults and recovery (0.1: ten times "
                    "shorter)")
        ->check(CLI::PositiveNumber);
    command.add_option("--allow-host", source.allow_hosts,
                       "Allow traffic to hosts beyond loopback: a name (api.example.com), "
                       "*.domain, an address or a CIDR network (repeatable; adds to [targets] "
                       "allow)");
}

std::optional<scenario::scenario> load_for_command(const scenario_source& source,
                                                   bool enforce_allow_list) {
    scenario::load_options load;
    load.enforce_allow_list = enforce_allow_list;
    load.overrides = source.overrides;
    load.time_scale = source.time_scale;
    load.allow_hosts = source.allow_hosts;
    auto loaded = scenario::load_scenario_file(source.path, load);
    if (!loaded) {
        std::cerr << core::to_string(loaded.error());
        return std::nullopt;
    }
    if (source.time_scale != 1.0)
        std::cout << scenario::time_scale_note(source.time_scale) << std::endl;
    return std::move(*loaded);
}

}  // namespace faultline::cli
