// [[workloads]]: the weighted mix, one driver table each.
#include <algorithm>
#include <array>
#include <map>

#include "sections.hpp"

namespace faultline::scenario::detail {
namespace {

/// The driver tables a workload may have; exactly one per workload.
constexpr std::array<std::string_view, 3> drivers = {"http", "redis", "postgres"};

std::optional<workload> read_workload(context& ctx, const toml::table& table,
                                      const std::string& path) {
    table_reader r(
        ctx, table, path, "[[workloads]]",
        {"name", "weight", "think_time", "depends_on", "check", "http", "redis", "postgres"});
    workload w;
    bool ok = true;
    if (auto name = r.string("name", true)) {
        w.name = *name;
        if (name->empty())
            ctx.error(*r.node("name"), r.path("name") + ": expected a non-empty name");
    } else {
        ok = false;
    }
    if (auto weight = r.number("weight")) {
        if (*weight > 0)
            w.weight = *weight;
        else
            ctx.error(*r.node("weight"), r.path("weight") + ": expected a number > 0, got " +
                                             describe(*r.node("weight")));
    }
    if (auto d = r.duration("think_time"))
        w.think_time = *d;
    if (auto names = r.string_array("depends_on"))
        w.depends_on = std::move(*names);
    if (const auto* check_node = r.node("check"))
        w.check = read_check(ctx, *check_node, r.path("check"));

    std::vector<std::string_view> present;
    for (auto driver : drivers) {
        if (r.node(driver) != nullptr)
            present.push_back(driver);
    }
    if (present.empty()) {
        r.missing("http", "each workload needs exactly one driver table: http, redis or postgres");
        ok = false;
    } else if (present.size() > 1) {
        ctx.error(*r.node(present[1]), r.path(present[1]) +
                                           ": a workload has exactly one driver table, "
                                           "but it also has '" +
                                           std::string(present[0]) + "'");
        ok = false;
    } else if (present[0] == "redis") {
        if (auto redis = read_redis(ctx, *r.node("redis"), r.path("redis")))
            w.driver = std::move(*redis);
        else
            ok = false;
    } else if (present[0] == "postgres") {
        if (auto pg = read_postgres(ctx, *r.node("postgres"), r.path("postgres")))
            w.driver = std::move(*pg);
        else
            ok = false;
    } else if (auto http = read_http(ctx, *r.node("http"), r.path("http"))) {
        w.driver = std::move(*http);
    }
    if (!ok)
        return std::nullopt;
    return w;
}

}  // namespace

std::vector<workload> read_workloads(context& ctx, const toml::node* node,
                                     const toml::table& root) {
    std::vector<workload> workloads;
    if (node == nullptr) {
        ctx.error(root, "no workloads: expected at least one [[workloads]] table");
        return workloads;
    }
    std::map<std::string, const toml::node*> names;
    for_each_table(ctx, *node, "workloads", [&](const toml::table& table, const std::string& path) {
        auto w = read_workload(ctx, table, path);
        if (!w)
            return;
        const auto* name_node = table.get("name");
        if (auto [first, inserted] = names.emplace(w->name, name_node); !inserted) {
            ctx.error(*name_node, path + ".name: duplicate workload name '" + w->name +
                                      "' (first used at line " +
                                      std::to_string(first->second->source().begin.line) + ")");
            return;
        }
        workloads.push_back(std::move(*w));
    });
    if (const auto* array = node->as_array(); array != nullptr && array->empty()) {
        ctx.error(*node, "no workloads: expected at least one [[workloads]] table");
    }
    return workloads;
}

}  // namespace faultline::scenario::detail
