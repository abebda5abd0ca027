// The loader boundary: the only place toml++ exceptions are caught and turned into diagnostics.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <faultline/config/context.hpp>
#include <faultline/net/resolve_now.hpp>
#include <faultline/ramps/shape_descriptor.hpp>
#include <faultline/scenario/loader.hpp>

#include "overrides.hpp"
#include "sections.hpp"
#include "time_scale.hpp"

namespace faultline::scenario {
namespace {

bool is_valid_scenario_name(std::string_view name) {
    if (name.empty())
        return false;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
        if (!ok)
            return false;
    }
    return name != "." && name != "..";
}

// How long the ramp's plan runs, when the ramp is valid (faults must fall inside it).
std::optional<nanoseconds> planned_length(const ramp_spec& ramp) {
    const auto* shape = ramps::find_shape(ramp.shape);
    if (shape == nullptr)
        return std::nullopt;
    auto plan = shape->plan(ramp.shape_config);
    if (!plan)
        return std::nullopt;
    return ramps::total_duration(*plan);
}

// In a drill, depends_on drives the cascade analysis: each name must be a proxy or a service.
void check_dependencies(config::context& ctx, const toml::table& root, const scenario& s) {
    const auto* workloads = root.get("workloads") ? root.get("workloads")->as_array() : nullptr;
    if (workloads == nullptr)
        return;
    for (std::size_t i = 0; i < workloads->size(); ++i) {
        const auto* table = workloads->get(i)->as_table();
        const auto* names = table ? table->get("depends_on") : nullptr;
        if (names == nullptr || !names->is_array())
            continue;
        const auto& array = *names->as_array();
        for (std::size_t k = 0; k < array.size(); ++k) {
            const auto name = array.get(k)->value<std::string>();
            if (!name)
                continue;
            const bool known = std::any_of(s.proxies.begin(), s.proxies.end(),
                                           [&](const proxy_spec& p) { return p.name == *name; }) ||
                               std::any_of(s.services.begin(), s.services.end(),
                                           [&](const service& v) { return v.name == *name; });
            if (!known)
                ctx.error(*array.get(k), "workloads." + std::to_string(i) + ".depends_on." +
                                             std::to_string(k) + ": '" + *name +
                                             "' is neither a proxy nor a service of the scenario "
                                             "(the cascade analysis of faults needs to know it)");
        }
    }
}

// Every host the scenario sends traffic to must be loopback or allowed.
void check_hosts(config::context& ctx, const toml::node* targets, const load_options& options,
                 scenario& s) {
    const auto allowed = detail::read_targets(ctx, targets, options.allow_hosts, s.targets);
    if (!options.enforce_allow_list)
        return;
    net::resolve_function resolve = options.resolve;
    if (!resolve) {
        resolve = [policy = s.engine.dns_policy](const std::string& host) {
            return net::resolve_now(host, policy, std::chrono::seconds(5));
        };
    }
    detail::check_targets(ctx, allowed, resolve);
}

scenario read_scenario(config::context& ctx, const toml::table& root, const load_options& options) {
    config::table_reader r(ctx, root, "", "the top level",
                           {"name", "engine", "targets", "proxies", "services", "workloads", "ramp",
                            "breaking_point", "slo", "faults", "thresholds"});
    scenario s;
    if (auto name = r.string("name", true)) {
        if (is_valid_scenario_name(*name)) {
            s.name = *name;
        } else {
            ctx.error(*r.node("name"),
                      "name: expected letters, digits, '_', '.' or '-' (the name "
                      "becomes a results folder), got \"" +
                          *name + "\"");
        }
    }
    s.engine = detail::read_engine(ctx, r.node("engine"));
    s.proxies = detail::read_proxies(ctx, r.node("proxies"));
    s.services = detail::read_services(ctx, r.node("services"));
    s.workloads = detail::read_workloads(ctx, r.node("workloads"), root);
    s.ramp = detail::read_ramp(ctx, r.node("ramp"), root);
    // Only the steps shape searches for a breaking point; the other shapes may judge their held
    // levels, or not.
    if (s.ramp.searches() || r.node("breaking_point") != nullptr)
        s.breaking_point = detail::read_breaking_point(ctx, r.node("breaking_point"), root);
    s.slo = detail::read_slo(ctx, r.node("slo"));
    s.faults =
        detail::read_faults(ctx, r.node("faults"), s.proxies, s.services, planned_length(s.ramp));
    if (!s.faults.empty())
        check_dependencies(ctx, root, s);
    s.thresholds = detail::read_thresholds(ctx, r.node("thresholds"), s.workloads);
    check_hosts(ctx, r.node("targets"), options, s);
    return s;
}

}  // namespace

expected<scenario, core::diagnostics> load_scenario_text(std::string_view text,
                                                         const std::string& source_name,
                                                         const load_options& options) {
    toml::table root;
    try {
        root = toml::parse(text, std::string_view{source_name});
    } catch (const toml::parse_error& error) {
        const auto& where = error.source().begin;
        return make_unexpected(core::diagnostics{core::diagnostic{
            source_name, static_cast<int>(where.line), static_cast<int>(where.column),
            "invalid TOML: " + std::string(error.description())}});
    }
    config::context ctx(source_name, text, options.overrides, options.env);
    detail::apply_overrides(root, ctx, options.overrides);
    detail::apply_time_scale(root, ctx, options.time_scale);
    scenario result = read_scenario(ctx, root, options);
    if (ctx.failed()) {
        detail::note_time_scale(ctx, options.time_scale);
        return make_unexpected(ctx.take_sorted());
    }
    result.source_path = source_name;
    return result;
}

expected<scenario, core::diagnostics> load_scenario_file(const std::string& path,
                                                         const load_options& options) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return make_unexpected(core::diagnostics{core::diagnostic{
            path, 0, 0, std::string("cannot open the scenario file: ") + std::strerror(errno)}});
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        return make_unexpected(
            core::diagnostics{core::diagnostic{path, 0, 0, "cannot read the scenario file"}});
    }
    return load_scenario_text(text.str(), path, options);
}

}  // namespace faultline::scenario
