// Every protocol driver, one line each, in the order of the reference. A new driver is its own
// files plus one line here (CREATING_DRIVERS.md).
#include "builtin_drivers.hpp"

#include <stdexcept>
#include <typeinfo>

#include <faultline/config/section.hpp>

#include "driver_sections.hpp"

namespace faultline::drivers {

std::span<const driver_descriptor* const> builtin_drivers() {
    static constexpr const driver_descriptor* drivers[] = {
        &http_driver_descriptor,      //
        &redis_driver_descriptor,     //
        &postgres_driver_descriptor,  //
    };
    return drivers;
}

const driver_descriptor* find_driver(std::string_view name) {
    for (const auto* d : builtin_drivers()) {
        if (d->name == name)
            return d;
    }
    return nullptr;
}

std::shared_ptr<const driver> make_driver(std::string_view name, const driver_config& config,
                                          const check_spec& check, const driver_environment& env) {
    const auto* d = find_driver(name);
    if (d == nullptr)
        throw std::invalid_argument("no driver named " + std::string(name));
    try {
        return d->make(config, check, env);
    } catch (const std::bad_cast&) {
        throw std::invalid_argument("a configuration of another driver given to " +
                                    std::string(name));
    }
}

check_spec read_check(const config::section& table) {
    return detail::read_check(table.ctx, table.node, table.path);
}

}  // namespace faultline::drivers
