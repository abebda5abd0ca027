#include "fault_plan.hpp"

#include <stdexcept>

#include <faultline/faults/leased_toxics.hpp>
#include <faultline/faults/proxy_effects.hpp>

#include "fault_effects.hpp"

namespace faultline::app {
namespace {

faults::proxy_outage outage_of(scenario::outage_kind kind) {
    switch (kind) {
        case scenario::outage_kind::refuse:
            return faults::proxy_outage::refuse;
        case scenario::outage_kind::blackhole:
            return faults::proxy_outage::blackhole;
        case scenario::outage_kind::reset:
            return faults::proxy_outage::reset;
    }
    return faults::proxy_outage::refuse;
}

proxies::proxy_server& need(proxies::proxy_server* server) {
    if (server == nullptr)
        throw std::logic_error("a proxy fault in a scenario without proxies");
    return *server;
}

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

// The standalone proxy named `name`, or null.
const scenario::proxy_spec* standalone_proxy(const scenario::scenario& sc,
                                             const std::string& name) {
    for (const auto& p : sc.proxies) {
        if (p.name == name && p.standalone())
            return &p;
    }
    return nullptr;
}

}  // namespace

proxies::toxic_request toxic_request_of(const scenario::toxic_spec& t) {
    proxies::toxic_request r;
    r.name = t.name;
    r.type = t.type;
    r.stream = t.stream;
    r.toxicity = t.toxicity;
    r.attributes.insert(t.attributes.begin(), t.attributes.end());
    return r;
}

std::vector<faults::timed_fault> plan_faults(const scenario::scenario& sc,
                                             proxies::proxy_server* proxies,
                                             service_supervisor& services,
                                             const std::filesystem::path& folder) {
    std::vector<faults::timed_fault> out;
    for (const auto& f : sc.faults) {
        std::unique_ptr<faults::fault_effect> effect;
        const auto* toxic = std::get_if<scenario::toxic_fault>(&f.action);
        const auto* outage = std::get_if<scenario::outage_fault>(&f.action);
        const std::string proxy = toxic ? toxic->proxy : outage ? outage->proxy : std::string();
        if (const auto* standalone = standalone_proxy(sc, proxy)) {
            // Leased toxics on a proxy of another process (the loader refused "refuse" there).
            auto toxics = toxic ? std::vector{toxic_request_of(toxic->toxic)}
                                : faults::outage_toxics(outage_of(outage->kind), f.name);
            effect = faults::make_leased_toxic_effect(
                {standalone->api->to_string(), standalone->token, standalone->name},
                std::move(toxics), f.lease);
        } else if (toxic != nullptr) {
            effect = faults::make_toxic_effect(need(proxies), toxic->proxy,
                                               toxic_request_of(toxic->toxic));
        } else if (outage != nullptr) {
            effect = faults::make_outage_effect(need(proxies), outage->proxy,
                                                outage_of(outage->kind), f.name);
        } else if (const auto* p = std::get_if<scenario::process_fault>(&f.action)) {
            effect = make_process_effect(services, *p);
        } else {
            effect = make_command_effect(std::get<scenario::command_fault>(f.action),
                                         folder / ("fault-" + f.name + ".log"));
        }
        out.push_back({f.name, f.kind, f.target, f.at, until_of(f), std::move(effect)});
    }
    return out;
}

}  // namespace faultline::app
