#include "run_inputs.hpp"

#include <filesystem>
#include <stdexcept>
#include <variant>

#include <faultline/ramps/shape_descriptor.hpp>

namespace faultline::run {

ramps::load_plan plan_of(const scenario::ramp_spec& ramp) {
    const auto* shape = ramps::find_shape(ramp.shape);
    if (shape == nullptr)
        throw std::logic_error("unknown shape " + ramp.shape);
    auto plan = shape->plan(ramp.shape_config);
    if (!plan)
        throw std::logic_error("invalid " + ramp.shape + " plan: " + plan.error().front().text());
    return *plan;
}

ramps::criteria criteria_of(const scenario::scenario& sc) {
    const auto& b = sc.breaking_point;
    ramps::criteria c;
    c.error_rate = b.error_rate;
    for (const auto& limit : b.latency)
        c.latency.push_back({limit.quantile, limit.limit});
    c.knee = b.knee;
    if (sc.ramp.model == core::load_model::open) {
        c.min_attainment = b.min_attainment;
        if (b.max_dropped)
            c.max_dropped = ramps::dropped_limit{*b.max_dropped, b.max_dropped_fraction};
    }
    c.window = b.window;
    c.consecutive = b.consecutive;
    return c;
}

void anchor_programs(scenario::scenario& sc) {
    const auto base = std::filesystem::path(sc.source_path).parent_path();
    const auto anchor = [&](std::vector<std::string>& argv) {
        if (argv.empty() || argv.front().find('/') == std::string::npos ||
            argv.front().front() == '/')
            return;
        std::error_code ec;
        const auto beside = base / argv.front();
        if (std::filesystem::exists(beside, ec))
            argv.front() = std::filesystem::absolute(beside, ec).lexically_normal().string();
    };
    for (auto& service : sc.services)
        anchor(service.command);
    for (auto& fault : sc.faults) {
        if (auto* command = std::get_if<scenario::command_fault>(&fault.action)) {
            anchor(command->command);
            anchor(command->undo);
        }
    }
}

live::live_state live_identity(const scenario::scenario& sc, const report::run_result& result) {
    live::live_state identity;
    identity.scenario = sc.name;
    identity.model = result.model;
    identity.version = result.version;
    for (const auto& f : sc.faults)
        identity.faults.emplace_back(f.name, false);
    return identity;
}

const report::step_record* last_judged(const std::vector<report::step_record>& steps) {
    for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
        if (it->judged && !it->interrupted)
            return &*it;
    }
    return nullptr;
}

}  // namespace faultline::run
