#pragma once
// The descriptors of the built-in drivers, each defined in its driver's file.
#include <memory>

#include <faultline/config/section.hpp>
#include <faultline/drivers/driver_descriptor.hpp>

namespace faultline::drivers {

extern const driver_descriptor http_driver_descriptor;
extern const driver_descriptor redis_driver_descriptor;
extern const driver_descriptor postgres_driver_descriptor;

/// A descriptor's `read` from a table reader that returns std::optional<Config>.
template <class Config, auto Read>
std::shared_ptr<const driver_config> read_as(const config::section& table) {
    auto read = Read(table.ctx, table.node, table.path);
    return read ? std::make_shared<const Config>(std::move(*read)) : nullptr;
}

}  // namespace faultline::drivers
