#pragma once
// One reader per part of the scenario format. Each reports its problems to the context and
// returns what it could read, so that every problem of a file is found in one pass.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include <faultline/config/context.hpp>
#include <faultline/config/table_reader.hpp>
#include <faultline/net/allow_list.hpp>
#include <faultline/ramps/shape_descriptor.hpp>
#include <faultline/scenario/scenario.hpp>

namespace faultline::scenario::detail {

// The reading toolkit (context, table_reader, converters) is the config module's.
using namespace faultline::config;

/// [engine]; `node` may be null (all defaults).
engine_spec read_engine(context& ctx, const toml::node* node);

/// [targets] (may be null: none) and the --allow-host patterns: the allow-list; `out` gets the
/// scenario's own patterns. Malformed patterns are reported (a --allow-host one as file
/// "--allow-host", line = its 1-based position).
net::allow_list read_targets(context& ctx, const toml::node* node,
                             const std::vector<std::string>& from_command_line, targets_spec& out);

/// Reports every host noted in `ctx` (context::note_target) that `allowed` refuses, at the value
/// that names it. `resolve` gives a name's addresses when no name pattern allows it.
void check_targets(context& ctx, const net::allow_list& allowed,
                   const net::resolve_function& resolve);

/// [[proxies]]; `node` may be null (none).
std::vector<proxy_spec> read_proxies(context& ctx, const toml::node* node);

/// One toxic table (in a proxy's `toxics` or a fault's `toxic`), validated against its type.
std::optional<toxic_spec> read_toxic(context& ctx, const toml::table& table,
                                     const std::string& path);

/// [[faults]]; `node` may be null (none). Checks each fault against the scenario's proxies and
/// services, the run's planned length (`run_length`, unknown when the ramp is invalid) and the
/// other faults (exclusive faults may not overlap); sorted by `at`.
std::vector<fault_spec> read_faults(context& ctx, const toml::node* node,
                                    const std::vector<proxy_spec>& proxies,
                                    const std::vector<service>& services,
                                    std::optional<nanoseconds> run_length);

/// [[services]]; `node` may be null (none).
std::vector<service> read_services(context& ctx, const toml::node* node);

/// [[workloads]]; at least one is required (`root` locates the "missing" report).
std::vector<workload> read_workloads(context& ctx, const toml::node* node, const toml::table& root);

/// ramp.model: "closed" (default) or "open"; nullopt when invalid (reported).
std::optional<load_model> read_model(const table_reader& r);

/// [slo]; `node` may be null (all defaults).
slo_spec read_slo(context& ctx, const toml::node* node);

/// [[thresholds]]; `node` may be null (none). A `workload` must name one of `workloads`.
std::vector<threshold_spec> read_thresholds(context& ctx, const toml::node* node,
                                            const std::vector<workload>& workloads);

/// [ramp] (required).
ramp_spec read_ramp(context& ctx, const toml::node* node, const toml::table& root);

/// [breaking_point] (required: at least one of error_rate and p99).
breaking_point_spec read_breaking_point(context& ctx, const toml::node* node,
                                        const toml::table& root);

/// Reads the array of tables at `node` (may be null: none) with `read(table, path)`, which returns
/// an optional item with a `name`; a name used twice is reported at its second use, naming the
/// line of the first. `what` names the kind in the message ("service", "proxy").
template <class Item, class Read>
std::vector<Item> read_named_tables(context& ctx, const toml::node* node, const std::string& key,
                                    std::string_view what, Read&& read) {
    std::vector<Item> items;
    if (node == nullptr)
        return items;
    std::map<std::string, const toml::node*> names;
    for_each_table(ctx, *node, key, [&](const toml::table& table, const std::string& path) {
        std::optional<Item> item = read(table, path);
        if (!item)
            return;
        const auto* name_node = table.get("name");
        if (auto [first, inserted] = names.emplace(item->name, name_node); !inserted) {
            ctx.error(*name_node, path + ".name: duplicate " + std::string(what) + " name '" +
                                      item->name + "' (first used at line " +
                                      std::to_string(first->second->source().begin.line) + ")");
            return;
        }
        items.push_back(std::move(*item));
    });
    return items;
}

}  // namespace faultline::scenario::detail
