#include "fault_plan.hpp"

#include <stdexcept>

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
        if (const auto* t = std::get_if<scenario::toxic_fault>(&f.action)) {
            effect = faults::make_toxic_effect(need(proxies), t->proxy, toxic_request_of(t->toxic));
        } else if (const auto* o = std::get_if<scenario::outage_fault>(&f.action)) {
            effect =
                faults::make_outage_effect(need(proxies), o->proxy, outage_of(o->kind), f.name);
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
