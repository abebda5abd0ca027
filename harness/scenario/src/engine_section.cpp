// [engine]: worker threads, the drain at the end, and how target names are resolved.
#include "sections.hpp"

namespace faultline::scenario::detail {

engine_spec read_engine(context& ctx, const toml::node* node) {
    engine_spec out;
    if (node == nullptr)
        return out;
    const auto* table = node->as_table();
    if (table == nullptr) {
        type_error(ctx, *node, "engine", "a table ([engine])");
        return out;
    }
    table_reader r(ctx, *table, "engine", "[engine]",
                   {"threads", "drain_timeout", "dns_ttl", "dns_policy"});
    if (auto threads = r.integer("threads", 0, 1024))
        out.threads = static_cast<unsigned>(*threads);
    if (auto d = r.duration("drain_timeout"))
        out.drain_timeout = *d;
    if (auto d = r.duration("dns_ttl"))
        out.dns_ttl = *d;
    if (auto text = r.string("dns_policy")) {
        if (auto policy = net::parse_family_policy(*text))
            out.dns_policy = *policy;
        else
            ctx.error(*r.node("dns_policy"),
                      r.path("dns_policy") + ": expected \"any\", \"ipv4\" or \"ipv6\", got \"" +
                          *text + "\"");
    }
    return out;
}

}  // namespace faultline::scenario::detail
