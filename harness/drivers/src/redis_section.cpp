// redis = { address, command, connect_timeout, timeout }: the Redis driver's table of a workload.
#include <faultline/config/text_values.hpp>

#include "driver_sections.hpp"

namespace faultline::drivers::detail {
namespace {

// command = ["SET", "item:{rand:1..1000}", "{uuid}"]: each element a template without {var:}.
void read_command(const table_reader& r, redis_workload& out) {
    const auto* node = r.node("command");
    if (node == nullptr)
        return r.missing("command", "the command and its arguments, such as [\"GET\", \"k\"]");
    const auto* list = node->as_array();
    if (list == nullptr || list->empty()) {
        type_error(r.ctx(), *node, r.path("command"),
                   "a non-empty array of strings such as [\"GET\", \"item:{rand:1..1000}\"]");
        return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto& element = *list->get(i);
        const std::string path = r.path("command") + "." + std::to_string(i);
        if (auto text = read_template_without_vars(r.ctx(), element, path, "redis"))
            out.command.push_back(std::move(*text));
    }
}

}  // namespace

std::optional<redis_workload> read_redis(context& ctx, const toml::node& node,
                                         const std::string& path) {
    const auto* table = node.as_table();
    if (table == nullptr) {
        type_error(ctx, node, path,
                   "a table such as { address = \"127.0.0.1:6379\", command = "
                   "[\"GET\", \"k\"] }");
        return std::nullopt;
    }
    table_reader r(ctx, *table, path, path,
                   {"address", "command", "connect_timeout", "timeout", "tls"});
    const auto errors_before = ctx.error_count();
    redis_workload out;
    if (auto address = read_target_address(r, "address"))
        out.address = *address;
    read_command(r, out);
    if (auto d = r.positive_duration("connect_timeout"))
        out.connect_timeout = *d;
    if (auto d = r.positive_duration("timeout"))
        out.request_timeout = *d;
    if (const auto* tls = r.node("tls"))
        out.tls = read_tls(ctx, *tls, r.path("tls"));
    if (ctx.error_count() != errors_before)
        return std::nullopt;
    return out;
}

}  // namespace faultline::drivers::detail
