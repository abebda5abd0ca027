// postgres = { conninfo, query, params | transaction = [...], connect_timeout, timeout }: the
// PostgreSQL driver's table of a workload.
#include <faultline/config/text_values.hpp>
#include <faultline/conninfo/settings.hpp>

#include "driver_sections.hpp"

namespace faultline::drivers::detail {
namespace {

// The highest $N in `query` (0 when none).
std::size_t highest_parameter(std::string_view query) {
    std::size_t highest = 0;
    for (std::size_t i = 0; i < query.size(); ++i) {
        if (query[i] != '$')
            continue;
        std::size_t n = 0;
        std::size_t j = i + 1;
        while (j < query.size() && query[j] >= '0' && query[j] <= '9' && n < 100000)
            n = n * 10 + static_cast<std::size_t>(query[j++] - '0');
        highest = std::max(highest, n);
    }
    return highest;
}

// conninfo must parse and name its host (or hosts): each is a target the allow-list judges,
// but for socket folders, which are on this machine.
void check_conninfo(const table_reader& r, const std::string& text) {
    const auto* node = r.node("conninfo");
    auto parsed = conninfo::settings::parse(text);
    if (!parsed) {
        r.ctx().error(*node, r.path("conninfo") + ": " + parsed.error());
        return;
    }
    const auto hosts = parsed->host_list();
    if (hosts.empty()) {
        r.ctx().error(*node, r.path("conninfo") +
                                 ": expected a host (host=db.internal, host=127.0.0.1 or a "
                                 "socket folder): without one libpq would take PGHOST");
        return;
    }
    for (const auto& host : hosts) {
        if (host.empty() || host.front() != '/')
            r.ctx().note_target(*node, host, r.path("conninfo"));
    }
}

// { query = "...", params = [...] } (or the keys of the driver table itself).
std::optional<postgres_statement> read_statement(const table_reader& r) {
    auto& ctx = r.ctx();
    postgres_statement out;
    auto query = r.string("query");
    if (!query) {
        if (r.node("query") == nullptr)
            r.missing("query", "the SQL, such as \"SELECT v FROM t WHERE id = $1\"");
        return std::nullopt;
    }
    if (auto text = substitute_env_in(ctx, *r.node("query"), *query, r.path("query")))
        out.query = *text;
    else
        return std::nullopt;
    bool ok = true;
    if (const auto* params = r.node("params")) {
        const auto* list = params->as_array();
        if (list == nullptr) {
            type_error(ctx, *params, r.path("params"),
                       "an array of strings such as [\"{rand:1..1000}\"]");
            return std::nullopt;
        }
        for (std::size_t i = 0; i < list->size(); ++i) {
            auto p = read_template_without_vars(
                ctx, *list->get(i), r.path("params") + "." + std::to_string(i), "postgres");
            ok = ok && p.has_value();
            if (p)
                out.params.push_back(std::move(*p));
        }
    }
    const auto highest = highest_parameter(out.query);
    if (ok && highest != out.params.size()) {
        ctx.error(*r.node("query"), r.path("query") + ": uses parameters up to $" +
                                        std::to_string(highest) + " but params has " +
                                        std::to_string(out.params.size()) +
                                        " values; give exactly one per parameter");
        ok = false;
    }
    return ok ? std::optional(std::move(out)) : std::nullopt;
}

}  // namespace

std::optional<postgres_workload> read_postgres(context& ctx, const toml::node& node,
                                               const std::string& path) {
    const auto* table = node.as_table();
    if (table == nullptr) {
        type_error(ctx, node, path,
                   "a table such as { conninfo = \"host=127.0.0.1 port=5432 user=postgres\", "
                   "query = \"SELECT 1\" }");
        return std::nullopt;
    }
    table_reader r(ctx, *table, path, path,
                   {"conninfo", "query", "params", "transaction", "connect_timeout", "timeout"});
    const auto errors_before = ctx.error_count();
    postgres_workload out;
    if (auto conninfo = r.string("conninfo", true)) {
        if (auto text =
                substitute_env_in(ctx, *r.node("conninfo"), *conninfo, r.path("conninfo"))) {
            out.conninfo = *text;
            check_conninfo(r, out.conninfo);
        }
    }
    if (const auto* tx = r.node("transaction")) {
        if (r.node("query") != nullptr || r.node("params") != nullptr) {
            ctx.error(*tx, r.path("transaction") +
                               ": a workload runs either one query or a transaction; move "
                               "query and params into the transaction's statements");
        }
        out.transaction = true;
        for_each_table(ctx, *tx, r.path("transaction"),
                       [&](const toml::table& statement, const std::string& where) {
                           table_reader s(ctx, statement, where, where, {"query", "params"});
                           if (auto st = read_statement(s))
                               out.statements.push_back(std::move(*st));
                       });
        if (const auto* list = tx->as_array(); list != nullptr && list->empty())
            ctx.error(*tx, r.path("transaction") + ": expected at least one statement");
    } else if (auto st = read_statement(r)) {
        out.statements.push_back(std::move(*st));
    }
    if (auto d = r.positive_duration("connect_timeout"))
        out.connect_timeout = *d;
    if (auto d = r.positive_duration("timeout"))
        out.request_timeout = *d;
    if (ctx.error_count() != errors_before)
        return std::nullopt;
    return out;
}

}  // namespace faultline::drivers::detail
