// The loader boundary: the only place toml++ exceptions are caught and turned into diagnostics.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <faultline/scenario/loader.hpp>

#include "context.hpp"
#include "overrides.hpp"
#include "sections.hpp"

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

scenario read_scenario(detail::context& ctx, const toml::table& root) {
    detail::table_reader r(
        ctx, root, "", "the top level",
        {"name", "engine", "proxies", "services", "workloads", "ramp", "breaking_point", "slo"},
        {"faults", "thresholds"});
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
    detail::context ctx(source_name, text, options);
    detail::apply_overrides(root, ctx, options.overrides);
    scenario result = read_scenario(ctx, root);
    if (ctx.failed())
        return make_unexpected(ctx.take_sorted());
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
