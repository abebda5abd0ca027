#pragma once
/// A protocol driver as the rest of faultline knows it: the key of its table in a workload
/// (`http = { ... }`), how to read that table, how to make the driver, and where it connects.
/// One descriptor per driver, listed one line each in builtin_drivers.cpp (no static
/// self-registration). See CREATING_DRIVERS.md.
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <faultline/drivers/driver.hpp>
#include <faultline/drivers/driver_config.hpp>

namespace faultline::config {
struct section;
}  // namespace faultline::config

namespace faultline::drivers {

struct driver_descriptor {
    std::string_view name;     ///< the workload key of its table: "http", "redis", "postgres"
    std::string_view summary;  ///< one line for the reference
    /// Reads the driver's table, reporting every problem at its position; null when there was
    /// any.
    std::shared_ptr<const driver_config> (*read)(const config::section& table);
    /// The driver for a configuration this descriptor's `read` returned, with the workload's
    /// check, dialing through `env`. Throws std::invalid_argument only for what `read` should
    /// have refused.
    std::shared_ptr<const driver> (*make)(const driver_config& config, const check_spec& check,
                                          const driver_environment& env);
    /// Every address a run of the workload connects to (`faultline check` probes them).
    std::vector<target_address> (*targets)(const driver_config& config);
};

/// Every driver, in the order of the reference (scenarios/README.md).
std::span<const driver_descriptor* const> builtin_drivers();

/// The driver whose table is `name`, or nullptr.
const driver_descriptor* find_driver(std::string_view name);

/// The driver named `name` for `config` (its descriptor's make). Throws std::invalid_argument
/// for an unknown name or a config of another driver.
std::shared_ptr<const driver> make_driver(std::string_view name, const driver_config& config,
                                          const check_spec& check = {},
                                          const driver_environment& env = {});

/// `check = { status = ..., body_contains = ... }` of a workload (or of an HTTP setup request).
check_spec read_check(const config::section& table);

}  // namespace faultline::drivers
