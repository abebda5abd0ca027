#pragma once
// The faults that act on what the app owns: the run's services (kill, pause, restart) and
// commands. The proxy faults live in faults/ (proxy_effects.hpp).
#include <memory>

#include <faultline/faults/fault_effect.hpp>
#include <faultline/processes/service_supervisor.hpp>
#include <faultline/scenario/fault_spec.hpp>

namespace faultline::processes {

std::unique_ptr<faults::fault_effect> make_process_effect(service_supervisor& services,
                                                          const scenario::process_fault& fault);

/// Runs `fault.command` (it must exit 0 within its timeout) and, when removed, `fault.undo`.
/// Their output goes to `log`.
std::unique_ptr<faults::fault_effect> make_command_effect(const scenario::command_fault& fault,
                                                          std::filesystem::path log);

}  // namespace faultline::processes
