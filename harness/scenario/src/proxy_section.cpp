// [[proxies]]: fault proxies the run starts in-process, each with the toxics it carries all run.
#include <cmath>
#include <map>

#include <faultline/core/endpoint.hpp>
#include <faultline/toxics/toxic_descriptor.hpp>

#include "sections.hpp"

namespace faultline::scenario::detail {
namespace {

// A duration string for attributes in ms or µs, a number for the others.
std::optional<double> read_attribute(context& ctx, const toml::node& node, const std::string& path,
                                     const proxies::attribute_spec& spec) {
    if (spec.unit == "ms" || spec.unit == "µs") {
        if (!node.is_string()) {
            type_error(ctx, node, path, "a duration such as \"20ms\"");
            return std::nullopt;
        }
        auto d = to_duration(ctx, node, path);
        if (!d)
            return std::nullopt;
        const double unit = spec.unit == "ms" ? 1e6 : 1e3;
        return std::round(static_cast<double>(d->count()) / unit);
    }
    return to_number(ctx, node, path);
}

}  // namespace

std::optional<toxic_spec> read_toxic(context& ctx, const toml::table& table,
                                     const std::string& path) {
    toxic_spec t;
    t.stream = "downstream";
    t.toxicity = 1.0;
    const auto* type_node = table.get("type");
    if (type_node == nullptr || !type_node->is_string()) {
        ctx.error(type_node ? *type_node : static_cast<const toml::node&>(table),
                  path +
                      ": expected type = one of the toxic types (latency, bandwidth, "
                      "slow_close, timeout, reset_peer, slicer, limit_data, loss, drop)");
        return std::nullopt;
    }
    t.type = *type_node->value<std::string>();
    const auto* type = proxies::find_toxic_type(t.type);
    if (type == nullptr) {
        ctx.error(*type_node, path + ".type: unknown toxic type \"" + t.type + "\"");
        return std::nullopt;
    }
    bool ok = true;
    proxies::attribute_map given;
    for (auto&& [key, value] : table) {
        const std::string name(key.str());
        const std::string where = path + "." + name;
        if (name == "type")
            continue;
        if (name == "name" || name == "stream") {
            auto text = to_string(ctx, value, where);
            ok = ok && text.has_value();
            if (text)
                (name == "name" ? t.name : t.stream) = *text;
            continue;
        }
        if (name == "toxicity") {
            auto p = to_number(ctx, value, where);
            if (p && (*p < 0 || *p > 1)) {
                ctx.error(value, where + ": expected a probability from 0 to 1");
                p.reset();
            }
            ok = ok && p.has_value();
            if (p)
                t.toxicity = *p;
            continue;
        }
        const auto* spec = type->find_attribute(name);
        if (spec == nullptr) {
            std::string accepted;
            for (const auto& a : type->attributes)
                accepted += (accepted.empty() ? "" : ", ") + std::string(a.name);
            ctx.error(key.source(), where + ": unknown attribute of toxic \"" + t.type +
                                        "\"; expected name, stream, toxicity or " + accepted);
            ok = false;
            continue;
        }
        auto v = read_attribute(ctx, value, where, *spec);
        ok = ok && v.has_value();
        if (v)
            given[name] = *v;
    }
    if (t.stream != "upstream" && t.stream != "downstream") {
        ctx.error(table, path + ".stream: expected \"upstream\" or \"downstream\", got \"" +
                             t.stream + "\"");
        ok = false;
    }
    if (ok) {
        auto complete = proxies::complete_attributes(*type, given);
        if (!complete) {
            ctx.error(table, path + ": " + complete.error());
            return std::nullopt;
        }
        t.attributes.insert(complete->begin(), complete->end());
    }
    return ok ? std::optional<toxic_spec>(std::move(t)) : std::nullopt;
}

namespace {

// A standalone proxy: name and api (and token) only; it is configured in its own server.
std::optional<proxy_spec> read_standalone(const table_reader& r, std::optional<std::string> name) {
    proxy_spec p;
    for (auto key : {"listen", "upstream", "enabled", "toxics"}) {
        if (const auto* node = r.node(key))
            r.ctx().error(*node, r.path(key) +
                                     ": a proxy with api = ... lives in its own server, which "
                                     "configures it; give only name, api and token");
    }
    auto api = read_address(r, "api", true);
    if (auto token = r.string("token"))
        p.token = *token;
    if (!name || !api)
        return std::nullopt;
    p.name = *name;
    p.api = *api;
    return p;
}

std::optional<proxy_spec> read_proxy(context& ctx, const toml::table& table,
                                     const std::string& path) {
    table_reader r(ctx, table, path, "[[proxies]]",
                   {"name", "listen", "upstream", "enabled", "toxics", "api", "token"});
    proxy_spec p;
    auto name = r.string("name", true);
    if (name && (name->empty() || name->find('/') != std::string::npos)) {
        ctx.error(*r.node("name"), r.path("name") + ": expected a non-empty name without '/'");
        name.reset();
    }
    if (r.node("api") != nullptr)
        return read_standalone(r, name);
    if (const auto* token = r.node("token"))
        ctx.error(*token, r.path("token") + ": only a standalone proxy (api = ...) has a token");
    auto listen = read_listen_address(r, "listen");
    auto upstream = read_target_address(r, "upstream");
    if (const auto* enabled = r.node("enabled")) {
        if (enabled->is_boolean())
            p.enabled = *enabled->value<bool>();
        else
            type_error(ctx, *enabled, r.path("enabled"), "true or false");
    }
    if (const auto* toxics = r.node("toxics")) {
        for_each_table(ctx, *toxics, r.path("toxics"),
                       [&](const toml::table& t, const std::string& where) {
                           if (auto toxic = read_toxic(ctx, t, where))
                               p.toxics.push_back(std::move(*toxic));
                       });
    }
    if (!name || !listen || !upstream)
        return std::nullopt;
    p.name = *name;
    p.listen = *listen;
    p.upstream = *upstream;
    return p;
}

}  // namespace

std::vector<proxy_spec> read_proxies(context& ctx, const toml::node* node) {
    return read_named_tables<proxy_spec>(ctx, node, "proxies", "proxy",
                                         [&](const toml::table& table, const std::string& path) {
                                             return read_proxy(ctx, table, path);
                                         });
}

}  // namespace faultline::scenario::detail
