// [targets] allow and --allow-host: which hosts beyond loopback the scenario may reach; then every
// host the scenario names, judged against them at the place it is written.
#include <map>

#include "sections.hpp"

namespace faultline::scenario::detail {

net::allow_list read_targets(context& ctx, const toml::node* node,
                             const std::vector<std::string>& from_command_line, targets_spec& out) {
    net::allow_list allowed;
    for (std::size_t i = 0; i < from_command_line.size(); ++i) {
        auto pattern = net::parse_host_pattern(from_command_line[i]);
        if (pattern)
            allowed.add(std::move(*pattern));
        else
            ctx.report(
                core::diagnostic{"--allow-host", static_cast<int>(i + 1), 1, pattern.error()});
    }
    const auto* table = node ? node->as_table() : nullptr;
    if (node != nullptr && table == nullptr)
        type_error(ctx, *node, "targets", "a table ([targets])");
    if (table == nullptr)
        return allowed;
    table_reader r(ctx, *table, "targets", "[targets]", {"allow"});
    const auto patterns = r.string_array("allow");
    if (!patterns)
        return allowed;
    const auto& list = *r.node("allow")->as_array();
    for (std::size_t i = 0; i < patterns->size(); ++i) {
        auto pattern = net::parse_host_pattern((*patterns)[i]);
        if (!pattern) {
            ctx.error(*list.get(i), "targets.allow." + std::to_string(i) + ": " + pattern.error());
            continue;
        }
        out.allow.push_back((*patterns)[i]);
        allowed.add(std::move(*pattern));
    }
    return allowed;
}

void check_targets(context& ctx, const net::allow_list& allowed,
                   const net::resolve_function& resolve) {
    std::map<std::string, net::admission> decided;
    for (const auto& target : ctx.targets()) {
        auto found = decided.find(target.host);
        if (found == decided.end())
            found = decided.emplace(target.host, net::admit(allowed, target.host, resolve)).first;
        if (!found->second.allowed)
            ctx.error(target.where,
                      target.path + ": " + net::refusal_message(target.host, found->second));
    }
}

}  // namespace faultline::scenario::detail
