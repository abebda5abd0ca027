// `faultline proxy-cli`: toxiproxy-cli's commands over faultline's (or Toxiproxy's) control API.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include <faultline/proxy_api/api_client.hpp>

#include "proxy_command.hpp"
#include "run_command.hpp"

namespace faultline::cli {
namespace {

using json = nlohmann::json;
using proxy_api::api_client;
using proxy_api::client_response;

std::string proxy_path(const std::string& proxy) {
    return "/proxies/" + proxy_api::escape_path_segment(proxy);
}

std::string toxic_path(const std::string& proxy, const std::string& toxic) {
    return proxy_path(proxy) + "/toxics/" + proxy_api::escape_path_segment(toxic);
}

// The outcome of one API call: the parsed JSON answer, or the exit code already reported.
struct call_result {
    int exit_code = core::exit_ok;
    json body;
};

// Sends a request and reports failures as toxiproxy-cli does ("Failed to <what>: HTTP 404: proxy
// not found"); `expected_status` is the status that means success.
call_result call(const api_client& client, const proxy_api::client_request& request,
                 int expected_status, const std::string& what) {
    auto answer = client.send(request);
    if (!answer) {
        std::cerr << "Failed to " << what << ": " << answer.error() << "\n";
        return {core::exit_cannot_run, {}};
    }
    json body = json::parse(answer->body, nullptr, false);
    if (answer->status != expected_status) {
        std::string message = answer->body;
        if (body.is_object() && body.contains("error") && body["error"].is_string())
            message = body["error"].get<std::string>();
        std::cerr << "Failed to " << what << ": HTTP " << answer->status << ": " << message << "\n";
        return {core::exit_failed, {}};
    }
    return {core::exit_ok, std::move(body)};
}

std::string text_of(const json& value, const char* key) {
    auto it = value.find(key);
    return it != value.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

// "latency=100" → {"latency": 100}; a value that is not a number is a usage error.
std::optional<json> parse_attributes(const std::vector<std::string>& given) {
    json attributes = json::object();
    for (const std::string& item : given) {
        const auto eq = item.find('=');
        double value = 0;
        const char* first = item.data() + (eq == std::string::npos ? 0 : eq + 1);
        const char* last = item.data() + item.size();
        auto [end, ec] = std::from_chars(first, last, value);
        if (eq == std::string::npos || eq == 0 || ec != std::errc{} || end != last) {
            std::cerr << "attribute '" << item << "' is not of the form key=number\n";
            return std::nullopt;
        }
        attributes[item.substr(0, eq)] = value;
    }
    return attributes;
}

std::string format_number(const json& value) {
    if (value.is_number_integer() || value.is_number_unsigned())
        return value.dump();
    std::ostringstream out;
    out << value.get<double>();
    return out.str();
}

void print_toxic(const json& toxic) {
    std::cout << text_of(toxic, "name") << "\ttype=" << text_of(toxic, "type")
              << "\tstream=" << text_of(toxic, "stream");
    char toxicity[32];
    std::snprintf(toxicity, sizeof toxicity, "%.2f", toxic.value("toxicity", 1.0));
    std::cout << "\ttoxicity=" << toxicity << "\tattributes=[";
    if (auto it = toxic.find("attributes"); it != toxic.end() && it->is_object()) {
        for (const auto& [key, value] : it->items())  // nlohmann keeps keys sorted
            std::cout << "\t" << key << "="
                      << (value.is_number() ? format_number(value) : value.dump());
    }
    std::cout << "\t]\n";
}

int list(const api_client& client) {
    auto result = call(client, {"GET", "/proxies", {}, {}}, 200, "retrieve proxies");
    if (result.exit_code != core::exit_ok)
        return result.exit_code;
    std::cout << "Name\tListen\tUpstream\tEnabled\tToxics\n";
    for (const auto& [name, proxy] : result.body.items()) {
        const bool enabled = proxy.value("enabled", false);
        const auto toxics = proxy.contains("toxics") ? proxy["toxics"].size() : 0;
        std::cout << name << "\t" << text_of(proxy, "listen") << "\t" << text_of(proxy, "upstream")
                  << "\t" << (enabled ? "enabled" : "disabled") << "\t" << toxics << "\n";
    }
    return core::exit_ok;
}

int inspect(const api_client& client, const std::string& name) {
    auto result = call(client, {"GET", proxy_path(name), {}, {}}, 200, "retrieve proxy " + name);
    if (result.exit_code != core::exit_ok)
        return result.exit_code;
    const json& proxy = result.body;
    std::cout << "Name: " << text_of(proxy, "name") << "\tListen: " << text_of(proxy, "listen")
              << "\tUpstream: " << text_of(proxy, "upstream")
              << "\tEnabled: " << (proxy.value("enabled", false) ? "true" : "false") << "\n";
    if (auto it = proxy.find("toxics"); it != proxy.end() && it->is_array()) {
        for (const auto& toxic : *it)
            print_toxic(toxic);
    }
    return core::exit_ok;
}

int toggle(const api_client& client, const std::string& name) {
    auto found = call(client, {"GET", proxy_path(name), {}, {}}, 200, "retrieve proxy " + name);
    if (found.exit_code != core::exit_ok)
        return found.exit_code;
    const bool enabled = !found.body.value("enabled", false);
    const json body = {{"enabled", enabled}};
    auto done =
        call(client, {"PATCH", proxy_path(name), body.dump(), {}}, 200, "toggle proxy " + name);
    if (done.exit_code != core::exit_ok)
        return done.exit_code;
    std::cout << "Proxy " << name << " is now " << (enabled ? "enabled" : "disabled") << "\n";
    return core::exit_ok;
}

int add_toxic(const api_client& client, const proxy_cli_options& o) {
    auto attributes = parse_attributes(o.attributes);
    if (!attributes)
        return core::exit_usage;
    json body = {{"type", o.toxic_type},
                 {"stream", o.upstream_stream ? "upstream" : "downstream"},
                 {"toxicity", o.toxicity.value_or(1.0)},
                 {"attributes", *attributes}};
    if (!o.toxic_name.empty())
        body["name"] = o.toxic_name;
    if (!o.expires_in.empty())
        body["expires_in"] = o.expires_in;
    auto done =
        call(client, {"POST", proxy_path(o.proxy) + "/toxics", body.dump(), {}}, 200, "add toxic");
    if (done.exit_code != core::exit_ok)
        return done.exit_code;
    std::cout << "Added " << text_of(done.body, "stream") << " " << text_of(done.body, "type")
              << " toxic '" << text_of(done.body, "name") << "' on proxy '" << o.proxy << "'\n";
    return core::exit_ok;
}

int update_toxic(const api_client& client, const proxy_cli_options& o) {
    auto attributes = parse_attributes(o.attributes);
    if (!attributes)
        return core::exit_usage;
    json body = {{"attributes", *attributes}};
    if (o.toxicity)
        body["toxicity"] = *o.toxicity;
    if (!o.expires_in.empty())
        body["expires_in"] = o.expires_in;
    const std::string target = toxic_path(o.proxy, o.toxic_name);
    auto done = call(client, {"PATCH", target, body.dump(), {}}, 200, "update toxic");
    if (done.exit_code != core::exit_ok)
        return done.exit_code;
    std::cout << "Updated toxic '" << o.toxic_name << "' on proxy '" << o.proxy << "'\n";
    return core::exit_ok;
}

}  // namespace

int proxy_cli_command(const proxy_cli_options& o) {
    const api_client client(o.host, o.token);
    const std::string& a = o.action;
    if (a == "list")
        return list(client);
    if (a == "inspect")
        return inspect(client, o.proxy);
    if (a == "toggle")
        return toggle(client, o.proxy);
    if (a == "toxic-add")
        return add_toxic(client, o);
    if (a == "toxic-update")
        return update_toxic(client, o);
    if (a == "create") {
        const json body = {{"name", o.proxy}, {"listen", o.listen}, {"upstream", o.upstream}};
        auto done = call(client, {"POST", "/proxies", body.dump(), {}}, 201, "create proxy");
        if (done.exit_code == core::exit_ok)
            std::cout << "Created new proxy " << o.proxy << "\n";
        return done.exit_code;
    }
    if (a == "delete") {
        auto done = call(client, {"DELETE", proxy_path(o.proxy), {}, {}}, 204, "delete proxy");
        if (done.exit_code == core::exit_ok)
            std::cout << "Deleted proxy " << o.proxy << "\n";
        return done.exit_code;
    }
    if (a == "toxic-remove") {
        const std::string target = toxic_path(o.proxy, o.toxic_name);
        auto done = call(client, {"DELETE", target, {}, {}}, 204, "remove toxic");
        if (done.exit_code == core::exit_ok)
            std::cout << "Removed toxic '" << o.toxic_name << "' on proxy '" << o.proxy << "'\n";
        return done.exit_code;
    }
    std::cerr << "faultline proxy-cli: unknown action '" << a << "'\n";
    return core::exit_usage;
}

}  // namespace faultline::cli
