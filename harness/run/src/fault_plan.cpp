
#include <faultline/faults/proxy_effects.hpp>
#include <faultline/processes/fault_effects.hpp>
#include <faultline/run/fault_plan.hpp>

namespace faultline::run {
namespace {

// When the fault's span ends: a kill ends at its restart, a restart at once.
std::optional<nanoseconds> until_of(const scenario::fault_spec& f) {
    if (const auto* p = std::get_if<scenario::process_fault>(&f.action)) {
        if (p->action == scenario::process_action::restart)
            return f.at;
        if (p->action == scenario::process_action::kill)
            return p->restart_after ? std::optional(f.at + *p->restart_after) : std::nullopt;
    }
    return f.duration ? std::optional(f.at + *f.duration) : std::nullopt;
}

}  // namespace

std::vector<faults::timed_fault> plan_faults(const scenario::scenario& sc,
                                             scenario_proxies& proxies,
                                             processes::service_supervisor& services,
                                             const std::filesystem::path& folder) {
    std::vector<faults::timed_fault> out;
    for (const auto& f : sc.faults) {
        std::unique_ptr<faults::fault_effect> effect;
        if (const auto* toxic = std::get_if<scenario::toxic_fault>(&f.action)) {
            effect = faults::make_toxic_effect(proxies.control_of(toxic->proxy), toxic->proxy,
                                               {toxic->toxic}, f.lease);
        } else if (const auto* outage = std::get_if<scenario::outage_fault>(&f.action)) {
            effect = faults::make_outage_effect(proxies.control_of(outage->proxy), outage->proxy,
                                                outage->kind, f.name, f.lease);
        } else if (const auto* p = std::get_if<scenario::process_fault>(&f.action)) {
            effect = processes::make_process_effect(services, *p);
        } else {
            effect = processes::make_command_effect(std::get<scenario::command_fault>(f.action),
                                                    folder / ("fault-" + f.name + ".log"));
        }
        out.push_back({f.name, f.kind, f.target, f.at, until_of(f), std::move(effect)});
    }
    return out;
}

}  // namespace faultline::run
