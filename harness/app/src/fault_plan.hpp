#pragma once
// From a scenario's [[faults]] to the run's fault timeline: each fault with its effect.
#include <filesystem>
#include <vector>

#include <faultline/faults/fault_timeline.hpp>
#include <faultline/proxies/proxy_server.hpp>
#include <faultline/scenario/scenario.hpp>

#include "service_supervisor.hpp"

namespace faultline::app {

/// `proxies` may be null only when no fault names a proxy (the loader checked the names).
/// Command faults write their output to `<folder>/fault-<name>.log`.
std::vector<faults::timed_fault> plan_faults(const scenario::scenario& sc,
                                             proxies::proxy_server* proxies,
                                             service_supervisor& services,
                                             const std::filesystem::path& folder);

/// The toxic request a scenario toxic becomes (also for the toxics a proxy carries all run).
proxies::toxic_request toxic_request_of(const scenario::toxic_spec& toxic);

}  // namespace faultline::app
