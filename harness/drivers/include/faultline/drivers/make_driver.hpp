#pragma once
/// Builds the driver a scenario workload names.
#include <memory>

#include <faultline/drivers/driver.hpp>
#include <faultline/scenario/scenario.hpp>

namespace faultline::drivers {

/// The driver for `workload` (its driver alternative and its check). Throws std::invalid_argument
/// only for configurations the loader should have rejected.
std::shared_ptr<const driver> make_driver(const scenario::workload& workload);

}  // namespace faultline::drivers
