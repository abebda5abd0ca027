#pragma once
/// The configuration of any built-in load shape: one alternative per shape file.
#include <variant>

#include <faultline/ramps/soak_shape.hpp>
#include <faultline/ramps/spike_shape.hpp>
#include <faultline/ramps/stages_shape.hpp>
#include <faultline/ramps/steps_shape.hpp>

namespace faultline::ramps {

/// Which shape and its settings; the scenario loader fills the alternative named by
/// `shape = "..."` under [ramp].
using shape_config = std::variant<steps_config, stages_config, spike_config, soak_config>;

}  // namespace faultline::ramps
