#include "scenario_loading.hpp"

#include <iostream>

#include <faultline/scenario/loader.hpp>

namespace faultline::cli {

std::optional<scenario::scenario> load_for_command(const std::string& path,
                                                   const std::vector<std::string>& overrides,
                                                   double time_scale) {
    scenario::load_options load;
    load.overrides = overrides;
    load.time_scale = time_scale;
    auto loaded = scenario::load_scenario_file(path, load);
    if (!loaded) {
        std::cerr << core::to_string(loaded.error());
        return std::nullopt;
    }
    if (time_scale != 1.0)
        std::cout << scenario::time_scale_note(time_scale) << std::endl;
    return std::move(*loaded);
}

}  // namespace faultline::cli
