#pragma once
/// A load shape's description: its name under [ramp] (shape = "stages"), its keys, and its two
/// pure functions. One per shape file, listed one line each in builtin_shapes.cpp (no static
/// self-registration). See SHAPES.md.
#include <optional>
#include <span>
#include <string_view>

#include <faultline/core/load_model.hpp>
#include <faultline/ramps/load_plan.hpp>
#include <faultline/ramps/shape_config.hpp>

namespace faultline::config {
class table_reader;
}  // namespace faultline::config

namespace faultline::ramps {

/// What a run measures once it is over, beside the steps, for a shape.
enum class shape_analysis {
    none,
    spike_recovery,  ///< recovery after the spike segment, against the baseline segment
    soak_drift,      ///< drift of latency, throughput and the services' resources over the soak
};

/// A duration key under [ramp] that has a non-zero default when absent.
struct defaulted_duration {
    std::string_view key;
    nanoseconds value;
};

/// A shape type. `validate` and `plan` accept the shape_config alternative of this shape; given
/// another one they report a single problem keyed "shape" (a caller's mistake, never a throw).
struct shape_descriptor {
    std::string_view type;                   ///< "steps", "stages", "spike", "soak"
    std::string_view summary;                ///< one line for the reference
    std::span<const std::string_view> keys;  ///< its keys under [ramp], as in SHAPES.md
    shape_problems (*validate)(const shape_config& config);  ///< every problem; empty = valid
    plan_result (*plan)(const shape_config& config);         ///< the plan, or validate's problems
    shape_config (*example)();  ///< the documented example configuration (SHAPES.md)
    /// Reads its keys under [ramp] (`table`, with the config toolkit), each problem reported at
    /// its position, then its own rules at the keys they name. `model` is nullopt when the
    /// load model itself is invalid (then any plausible level passes).
    shape_config (*read)(const config::table_reader& table, std::optional<core::load_model> model);
    /// The plan searches for a breaking point: the run stops at the first failing step and may
    /// refine it.
    bool searches;
    /// Its durations that have a default when absent: --time-scale scales the defaults too.
    std::span<const defaulted_duration> defaulted_durations;
    shape_analysis analysis;  ///< what the run measures once it is over
    bool samples_processes;   ///< the run reads its services' /proc once a second
};

/// Every built-in shape, in the order of SHAPES.md.
std::span<const shape_descriptor* const> builtin_shapes();

/// The shape named `type`, or nullptr.
const shape_descriptor* find_shape(std::string_view type);

/// The shape of a [ramp] without `shape = ...`: steps.
const shape_descriptor& default_shape();

}  // namespace faultline::ramps
