#include "builtin_shapes.hpp"

namespace faultline::ramps {

std::span<const shape_descriptor* const> builtin_shapes() {
    // One line per shape, in the order of ramps/SHAPES.md.
    static constexpr const shape_descriptor* list[] = {
        &shapes::steps_shape,
        &shapes::stages_shape,
        &shapes::spike_shape,
        &shapes::soak_shape,
    };
    return list;
}

const shape_descriptor& default_shape() {
    return shapes::steps_shape;
}

const shape_descriptor* find_shape(std::string_view type) {
    for (const auto* shape : builtin_shapes()) {
        if (shape->type == type)
            return shape;
    }
    return nullptr;
}

}  // namespace faultline::ramps
