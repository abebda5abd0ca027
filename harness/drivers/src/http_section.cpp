// The http = { ... } driver table of a workload, and its setup request.
#include <algorithm>
#include <array>
#include <cctype>

#include <faultline/config/text_values.hpp>
#include <faultline/core/ascii.hpp>

#include "driver_sections.hpp"
#include "http_url.hpp"

namespace faultline::drivers::detail {
namespace {

using core::iequals;

constexpr std::array<std::string_view, 7> methods = {"GET",    "POST", "PUT",    "PATCH",
                                                     "DELETE", "HEAD", "OPTIONS"};

/// A {var:NAME} placeholder found in a request, kept to check it against the captures.
struct var_use {
    std::string name;
    const toml::node* node;
    std::string text;  // the value's text after ${ENV} substitution
    std::string path;
};

bool is_token(std::string_view text) {
    constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
    return !text.empty() && std::all_of(text.begin(), text.end(), [&](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
               extra.find(c) != std::string_view::npos;
    });
}

void record_uses(const std::vector<std::string>& names, const toml::node& node,
                 const std::string& text, const std::string& path, std::vector<var_use>& uses) {
    for (const auto& name : names)
        uses.push_back({name, &node, text, path});
}

// A string value that is a template with ${ENV} references: body and header values.
std::optional<std::string> read_template(context& ctx, const toml::node& node,
                                         const std::string& path, std::vector<var_use>& uses) {
    std::vector<std::string> names;
    auto text = read_template_value(ctx, node, path, names);
    if (text)
        record_uses(names, node, *text, path, uses);
    return text;
}

void read_url(const table_reader& r, http_request& out, std::vector<var_use>& uses) {
    const auto* node = r.node("url");
    if (node == nullptr)
        return r.missing("url");
    const std::string path = r.path("url");
    auto raw = to_string(r.ctx(), *node, path);
    if (!raw)
        return;
    auto text = substitute_env_in(r.ctx(), *node, *raw, path);
    if (!text)
        return;
    auto url = parse_http_url(*text);
    if (!url)
        return r.ctx().error(*node, path + ": " + url.error());
    out.target = url->target;
    out.https = url->https;
    out.path = url->path;
    r.ctx().note_target(*node, url->target.host, path);
    if (url->path_offset >= text->size())
        return;  // defaulted "/": nothing to compile
    auto names = check_template(r.ctx(), *node, *text, url->path_offset, path);
    if (names)
        record_uses(*names, *node, *text, path, uses);
}

void read_headers(const table_reader& r, http_request& out, std::vector<var_use>& uses) {
    const auto* table = r.subtable("headers");
    if (table == nullptr)
        return;
    for (auto&& [key, value] : *table) {
        const std::string name(key.str());
        const std::string path = r.path("headers") + "." + name;
        if (!is_token(name)) {
            r.ctx().error(key.source(), path + ": '" + name + "' is not a valid HTTP header name");
            continue;
        }
        if (iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding")) {
            r.ctx().error(key.source(), path + ": " + name + " is set by faultline from the body");
            continue;
        }
        auto text = read_template(r.ctx(), value, path, uses);
        if (!text)
            continue;
        if (text->find_first_of("\r\n") != std::string::npos ||
            text->find('\0') != std::string::npos) {
            r.ctx().error(value, path + ": header values cannot contain line breaks");
            continue;
        }
        const auto same = std::find_if(out.headers.begin(), out.headers.end(),
                                       [&](const auto& h) { return iequals(h.first, name); });
        if (same != out.headers.end()) {
            r.ctx().error(key.source(), path + ": header '" + name + "' is also set as '" +
                                            same->first + "' (names are case-insensitive)");
            continue;
        }
        out.headers.emplace_back(name, std::move(*text));
    }
}

void read_request(const table_reader& r, http_request& out, std::vector<var_use>& uses) {
    if (auto method = r.string("method")) {
        if (std::find(methods.begin(), methods.end(), *method) != methods.end()) {
            out.method = *method;
        } else {
            r.ctx().error(*r.node("method"), r.path("method") +
                                                 ": expected one of GET, POST, PUT, PATCH, DELETE, "
                                                 "HEAD, OPTIONS (upper case), got \"" +
                                                 *method + "\"");
        }
    }
    read_url(r, out, uses);
    if (const auto* tls = r.node("tls")) {
        if (!out.https) {
            r.ctx().error(*tls, r.path("tls") + ": tls = { ... } applies to https:// URLs");
        } else if (auto settings = read_tls(r.ctx(), *tls, r.path("tls"))) {
            out.tls = std::move(*settings);
        }
    }
    read_headers(r, out, uses);
    if (const auto* body = r.node("body")) {
        if (auto text = read_template(r.ctx(), *body, r.path("body"), uses))
            out.body = std::move(*text);
    }
}

std::vector<capture> read_captures(const table_reader& r) {
    std::vector<capture> captures;
    const auto* table = r.subtable("capture");
    if (table == nullptr)
        return captures;
    for (auto&& [key, value] : *table) {
        const std::string name(key.str());
        const std::string path = r.path("capture") + "." + name;
        if (name.find_first_of("{}") != std::string::npos) {
            r.ctx().error(key.source(),
                          path + ": a captured variable's name cannot contain braces");
            continue;
        }
        auto text = to_string(r.ctx(), value, path);
        if (!text)
            continue;
        if (text->starts_with("/")) {
            captures.push_back({name, *text, {}});
        } else if (text->starts_with("header:") && is_token(text->substr(7))) {
            captures.push_back({name, {}, text->substr(7)});
        } else {
            r.ctx().error(value, path +
                                     ": expected a JSON pointer such as \"/token\" or "
                                     "\"header:NAME\" such as \"header:X-Session\", got " +
                                     describe(value));
        }
    }
    return captures;
}

std::optional<http_setup> read_setup(context& ctx, const toml::node& node,
                                     const std::string& path) {
    const auto* table = node.as_table();
    if (table == nullptr) {
        type_error(ctx, node, path, "a table");
        return std::nullopt;
    }
    table_reader r(ctx, *table, path, path,
                   {"method", "url", "headers", "body", "check", "capture", "tls"});
    http_setup setup;
    std::vector<var_use> uses;
    read_request(r, setup.request, uses);
    for (const auto& use : uses) {
        ctx.error_in_string(*use.node, use.text, use.text.find("{var:" + use.name + "}"),
                            use.path + ": the setup request cannot use {var:" + use.name +
                                "}: nothing is captured before it runs");
    }
    setup.captures = read_captures(r);
    if (const auto* check_node = r.node("check"))
        setup.check = read_check(ctx, *check_node, r.path("check"));
    return setup;
}

// Every {var:NAME} of the main request must be captured by the setup request.
void check_captured(context& ctx, const std::vector<var_use>& uses,
                    const std::optional<http_setup>& setup, bool setup_failed) {
    if (setup_failed)
        return;  // its problems are already reported
    for (const auto& use : uses) {
        const bool captured =
            setup && std::any_of(setup->captures.begin(), setup->captures.end(),
                                 [&](const capture& c) { return c.var == use.name; });
        if (captured)
            continue;
        std::string message =
            use.path + ": {var:" + use.name + "} is not captured by a setup request";
        message += setup ? "; add " + use.name + " to setup.capture"
                         : "; add setup = { url = ..., capture = { " + use.name +
                               " = \"/json/pointer\" } }";
        ctx.error_in_string(*use.node, use.text, use.text.find("{var:" + use.name + "}"), message);
    }
}

}  // namespace

std::optional<http_workload> read_http(context& ctx, const toml::node& node,
                                       const std::string& path) {
    const auto* table = node.as_table();
    if (table == nullptr) {
        type_error(ctx, node, path,
                   "a table such as { method = \"GET\", url = \"http://127.0.0.1:8080/\" }");
        return std::nullopt;
    }
    table_reader r(ctx, *table, path, path,
                   {"method", "url", "headers", "body", "connect_timeout", "timeout", "setup",
                    "keep_alive", "tls"});
    http_workload http;
    std::vector<var_use> uses;
    read_request(r, http.request, uses);
    if (auto d = r.positive_duration("connect_timeout"))
        http.connect_timeout = *d;
    if (auto d = r.positive_duration("timeout"))
        http.request_timeout = *d;
    if (const auto* keep = r.node("keep_alive")) {
        if (keep->is_boolean())
            http.keep_alive = *keep->value<bool>();
        else
            type_error(ctx, *keep, r.path("keep_alive"), "true or false");
    }
    bool setup_failed = false;
    if (const auto* setup_node = r.node("setup")) {
        http.setup = read_setup(ctx, *setup_node, r.path("setup"));
        setup_failed = !http.setup.has_value();
    }
    check_captured(ctx, uses, http.setup, setup_failed);
    return http;
}

check_spec read_check(context& ctx, const toml::node& node, const std::string& path) {
    check_spec result;
    const auto* table = node.as_table();
    if (table == nullptr) {
        type_error(ctx, node, path, "a table such as { status = 200 }");
        return result;
    }
    table_reader r(ctx, *table, path, path, {"status", "body_contains"});
    if (const auto* status = r.node("status")) {
        auto read_one = [&](const toml::node& n, const std::string& p) {
            if (auto code = to_integer(ctx, n, p, 100, 599))
                result.status.push_back(static_cast<int>(*code));
        };
        if (const auto* array = status->as_array()) {
            if (array->empty())
                ctx.error(*status, r.path("status") + ": expected at least one status");
            for (std::size_t i = 0; i < array->size(); ++i) {
                read_one(*array->get(i), r.path("status") + "." + std::to_string(i));
            }
        } else if (status->is_integer()) {
            read_one(*status, r.path("status"));
        } else {
            type_error(ctx, *status, r.path("status"),
                       "a status code such as 200 or an array such as [200, 201]");
        }
    }
    if (auto text = r.string("body_contains"))
        result.body_contains = std::move(*text);
    return result;
}

}  // namespace faultline::drivers::detail
