#pragma once
// The descriptors of the built-in shapes, one per *_shape.cpp, listed by builtin_shapes(), and
// the adapters from a shape's typed functions to the descriptor's shape_config ones.
#include <faultline/ramps/shape_descriptor.hpp>

namespace faultline::ramps {

namespace shapes {
extern const shape_descriptor steps_shape;
extern const shape_descriptor stages_shape;
extern const shape_descriptor spike_shape;
extern const shape_descriptor soak_shape;
}  // namespace shapes

namespace detail {

inline shape_problems wrong_config() {
    return {{"shape", "does not match the configuration given"}};
}

/// validate(Config) for the alternative Config of `config`.
template <class Config>
shape_problems validate_as(const shape_config& config) {
    const auto* typed = std::get_if<Config>(&config);
    return typed != nullptr ? validate(*typed) : wrong_config();
}

/// plan(Config) for the alternative Config of `config`.
template <class Config>
plan_result plan_as(const shape_config& config) {
    const auto* typed = std::get_if<Config>(&config);
    if (typed == nullptr)
        return make_unexpected(wrong_config());
    return plan(*typed);
}

}  // namespace detail
}  // namespace faultline::ramps
