#pragma once
/// A load shape's description: its name under [ramp] (shape = "stages"), its keys, and its two
/// pure functions. One per shape file, listed one line each in builtin_shapes.cpp (no static
/// self-registration). See SHAPES.md.
#include <span>
#include <string_view>

#include <faultline/ramps/load_plan.hpp>
#include <faultline/ramps/shape_config.hpp>

namespace faultline::ramps {

/// A shape type. `validate` and `plan` accept the shape_config alternative of this shape; given
/// another one they report a single problem keyed "shape" (a caller's mistake, never a throw).
struct shape_descriptor {
    std::string_view type;                   ///< "steps", "stages", "spike", "soak"
    std::string_view summary;                ///< one line for the reference
    std::span<const std::string_view> keys;  ///< its keys under [ramp], as in SHAPES.md
    shape_problems (*validate)(const shape_config& config);  ///< every problem; empty = valid
    plan_result (*plan)(const shape_config& config);         ///< the plan, or validate's problems
    shape_config (*example)();  ///< the documented example configuration (SHAPES.md)
};

/// Every built-in shape, in the order of SHAPES.md.
std::span<const shape_descriptor* const> builtin_shapes();

/// The shape named `type`, or nullptr.
const shape_descriptor* find_shape(std::string_view type);

}  // namespace faultline::ramps
