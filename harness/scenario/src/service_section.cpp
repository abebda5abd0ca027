// [[services]]: processes the run starts, waits for, and stops.
#include <map>

#include <faultline/core/endpoint.hpp>

#include "sections.hpp"

namespace faultline::scenario::detail {
namespace {

std::optional<ready_probe> read_ready(context& ctx, const toml::node& node,
                                      const std::string& path) {
    const auto* table = node.as_table();
    if (table == nullptr) {
        type_error(ctx, node, path,
                   "a table such as { tcp = \"127.0.0.1:18080\", timeout = \"5s\" }");
        return std::nullopt;
    }
    table_reader r(ctx, *table, path, path, {"tcp", "timeout"});
    ready_probe probe;
    if (auto d = r.positive_duration("timeout"))
        probe.timeout = *d;
    auto tcp = r.string("tcp", true);
    if (!tcp)
        return std::nullopt;
    auto endpoint = core::parse_host_port(*tcp);
    if (!endpoint) {
        ctx.error(*r.node("tcp"), r.path("tcp") + ": " + endpoint.error());
        return std::nullopt;
    }
    if (!core::is_loopback_host(endpoint->host) || endpoint->port == 0) {
        ctx.error(*r.node("tcp"), r.path("tcp") +
                                      ": expected a loopback address with a port "
                                      "such as \"127.0.0.1:18080\", got \"" +
                                      *tcp + "\"");
        return std::nullopt;
    }
    probe.tcp = *endpoint;
    return probe;
}

void read_env(const table_reader& r, service& s) {
    const auto* table = r.subtable("env");
    if (table == nullptr)
        return;
    for (auto&& [key, value] : *table) {
        const std::string name(key.str());
        if (name.empty() || name.find('=') != std::string::npos) {
            r.ctx().error(key.source(), r.path("env") + ": '" + name +
                                            "' is not a valid environment variable name");
            continue;
        }
        if (auto text = to_string(r.ctx(), value, r.path("env") + "." + name))
            s.env[name] = *text;
    }
}

std::optional<service> read_service(context& ctx, const toml::table& table,
                                    const std::string& path) {
    table_reader r(ctx, table, path, "[[services]]",
                   {"name", "command", "env", "ready", "stop_timeout"});
    service s;
    auto name = r.string("name", true);
    if (name)
        s.name = *name;
    if (name && name->empty())
        ctx.error(*r.node("name"), r.path("name") + ": expected a non-empty name");
    if (auto command = r.string_array("command")) {
        if (command->empty() || command->front().empty()) {
            ctx.error(*r.node("command"), r.path("command") +
                                              ": expected a program and its arguments such as "
                                              "[\"faultline-sample\", \"--port\", \"18080\"]");
        }
        s.command = std::move(*command);
    } else if (r.node("command") == nullptr) {
        r.missing("command");
    }
    read_env(r, s);
    if (const auto* ready = r.node("ready"))
        s.ready = read_ready(ctx, *ready, r.path("ready"));
    if (auto d = r.duration("stop_timeout"))
        s.stop_timeout = *d;
    if (!name)
        return std::nullopt;
    return s;
}

}  // namespace

std::vector<service> read_services(context& ctx, const toml::node* node) {
    return read_named_tables<service>(ctx, node, "services", "service",
                                      [&](const toml::table& table, const std::string& path) {
                                          return read_service(ctx, table, path);
                                      });
}

}  // namespace faultline::scenario::detail
