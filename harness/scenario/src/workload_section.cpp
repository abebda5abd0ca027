// [[workloads]]: the weighted mix, one driver table each.
#include <algorithm>
#include <map>

#include <faultline/config/section.hpp>
#include <faultline/drivers/driver_descriptor.hpp>

#include "sections.hpp"

namespace faultline::scenario::detail {
namespace {

// "http, redis or postgres": the drivers' table names, for messages.
std::string driver_names(std::string_view last_joiner) {
    std::string out;
    const auto all = drivers::builtin_drivers();
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (i > 0)
            out += i + 1 == all.size() ? std::string(last_joiner) : ", ";
        out += all[i]->name;
    }
    return out;
}

// Exactly one driver table, read by its driver.
bool read_driver(const table_reader& r, workload& w) {
    std::vector<const drivers::driver_descriptor*> present;
    for (const auto* d : drivers::builtin_drivers()) {
        if (r.node(d->name) != nullptr)
            present.push_back(d);
    }
    if (present.empty()) {
        r.missing(drivers::builtin_drivers().front()->name,
                  "each workload needs exactly one driver table: " + driver_names(" or "));
        return false;
    }
    if (present.size() > 1) {
        r.ctx().error(*r.node(present[1]->name),
                      r.path(present[1]->name) +
                          ": a workload has exactly one driver table, but it also has '" +
                          std::string(present[0]->name) + "'");
        return false;
    }
    const auto* d = present.front();
    w.driver_name = d->name;
    w.driver = d->read({r.ctx(), *r.node(d->name), r.path(d->name)});
    return w.driver != nullptr;
}

std::optional<workload> read_workload(context& ctx, const toml::table& table,
                                      const std::string& path) {
    std::vector<std::string_view> keys{"name", "weight", "think_time", "depends_on", "check"};
    for (const auto* d : drivers::builtin_drivers())
        keys.push_back(d->name);
    table_reader r(ctx, table, path, "[[workloads]]", keys);
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
        w.check = drivers::read_check({ctx, *check_node, r.path("check")});

    ok = read_driver(r, w) && ok;
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
