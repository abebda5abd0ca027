// tls = { ... } beside an https:// URL or a Redis address: read, then made into a TLS context
// once, so that an unreadable file or a key that does not match its certificate is an error at
// the table's position, not a failed run.
#include <filesystem>

#include <faultline/net/tls_context.hpp>

#include "driver_sections.hpp"

namespace faultline::drivers::detail {
namespace {

// A file path as written, relative to the scenario file's folder unless absolute.
std::string resolved_path(const context& ctx, const std::string& path) {
    const std::filesystem::path given(path);
    if (given.is_absolute())
        return path;
    return (std::filesystem::path(ctx.file()).parent_path() / given).lexically_normal().string();
}

std::optional<bool> read_bool(const table_reader& r, std::string_view key) {
    const auto* node = r.node(key);
    if (node == nullptr)
        return std::nullopt;
    if (!node->is_boolean()) {
        type_error(r.ctx(), *node, r.path(key), "true or false");
        return std::nullopt;
    }
    return *node->value<bool>();
}

void read_files(const table_reader& r, net::tls_settings& out) {
    for (auto [key, field] : {std::pair{"ca", &out.ca}, {"cert", &out.cert}, {"key", &out.key}}) {
        if (auto text = r.string(key))
            *field = resolved_path(r.ctx(), *text);
    }
}

// The rules between keys; true when they hold (each broken one reported at the table).
bool consistent(const table_reader& r, const toml::node& table, const net::tls_settings& s) {
    bool ok = true;
    if (s.insecure && !s.ca.empty()) {
        r.ctx().error(table, r.path("insecure") +
                                 ": insecure = true accepts any certificate, so a ca file means "
                                 "nothing: give one or the other");
        ok = false;
    }
    if (s.cert.empty() != s.key.empty()) {
        r.ctx().error(table, r.path(s.cert.empty() ? "key" : "cert") +
                                 ": a client certificate needs both cert and key");
        ok = false;
    }
    return ok;
}

}  // namespace

std::optional<net::tls_settings> read_tls(context& ctx, const toml::node& node,
                                          const std::string& path) {
    const auto* table = node.as_table();
    if (table == nullptr) {
        type_error(ctx, node, path, "a table such as { ca = \"ca.pem\" }");
        return std::nullopt;
    }
    table_reader r(ctx, *table, path, path,
                   {"ca", "server_name", "insecure", "cert", "key", "min_version", "resume"});
    const auto errors_before = ctx.error_count();
    net::tls_settings out;
    read_files(r, out);
    if (auto name = r.string("server_name"))
        out.server_name = *name;
    out.insecure = read_bool(r, "insecure").value_or(false);
    out.resume = read_bool(r, "resume").value_or(true);
    if (auto version = r.string("min_version")) {
        if (auto parsed = net::parse_tls_version(*version))
            out.min_version = *parsed;
        else
            ctx.error(
                *r.node("min_version"),
                r.path("min_version") + ": expected \"1.2\" or \"1.3\", got \"" + *version + "\"");
    }
    if (ctx.error_count() != errors_before || !consistent(r, node, out))
        return std::nullopt;
    if (auto made = net::tls_context::make(out); !made) {
        ctx.error(node, path + ": " + made.error());
        return std::nullopt;
    }
    return out;
}

}  // namespace faultline::drivers::detail
