#pragma once
// From a scenario's [[faults]] to the run's fault timeline: each fault with its effect.
#include <filesystem>
#include <vector>

#include <faultline/faults/fault_timeline.hpp>
#include <faultline/processes/service_supervisor.hpp>
#include <faultline/run/scenario_proxies.hpp>
#include <faultline/scenario/scenario.hpp>

namespace faultline::run {

/// One timed fault per [[faults]] entry, in order. Proxy faults act through `proxies`' controls,
/// process faults on `services`; a command fault logs to `folder`/fault-NAME.log. Every
/// argument must outlive the timeline.
std::vector<faults::timed_fault> plan_faults(const scenario::scenario& sc,
                                             scenario_proxies& proxies,
                                             processes::service_supervisor& services,
                                             const std::filesystem::path& folder);

}  // namespace faultline::run
