#pragma once
// One reader per part of the scenario format. Each reports its problems to the context and
// returns what it could read, so that every problem of a file is found in one pass.
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include <faultline/scenario/scenario.hpp>

#include "context.hpp"
#include "table_reader.hpp"

namespace faultline::scenario::detail {

/// [engine]; `node` may be null (all defaults).
engine_spec read_engine(context& ctx, const toml::node* node);

/// [[proxies]]; `node` may be null (none).
std::vector<proxy_spec> read_proxies(context& ctx, const toml::node* node);

/// [[services]]; `node` may be null (none).
std::vector<service> read_services(context& ctx, const toml::node* node);

/// [[workloads]]; at least one is required (`root` locates the "missing" report).
std::vector<workload> read_workloads(context& ctx, const toml::node* node, const toml::table& root);

/// The http = { ... } driver table of workload `path` ("workloads.0").
std::optional<http_workload> read_http(context& ctx, const toml::node& node,
                                       const std::string& path);

/// check = { status = ..., body_contains = ... }.
check_spec read_check(context& ctx, const toml::node& node, const std::string& path);

/// [ramp] (required).
ramp_spec read_ramp(context& ctx, const toml::node* node, const toml::table& root);

/// [breaking_point] (required: at least one of error_rate and p99).
breaking_point_spec read_breaking_point(context& ctx, const toml::node* node,
                                        const toml::table& root);

/// Calls `read(table, path)` for each table of the array at `node` ("workloads" -> path
/// "workloads.0"), reporting a node that is not an array of tables.
template <class Read>
void for_each_table(context& ctx, const toml::node& node, const std::string& key, Read&& read) {
    const auto* array = node.as_array();
    if (array == nullptr) {
        type_error(ctx, node, key, "an array of tables ([[" + key + "]])");
        return;
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string path = key + "." + std::to_string(i);
        if (const auto* table = array->get(i)->as_table()) {
            read(*table, path);
        } else {
            type_error(ctx, *array->get(i), path, "a table");
        }
    }
}

}  // namespace faultline::scenario::detail
