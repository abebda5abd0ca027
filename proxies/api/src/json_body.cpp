#include "json_body.hpp"

#include <cmath>
#include <optional>
#include <set>

#include <faultline/core/units.hpp>
#include <faultline/toxics/stream_direction.hpp>

namespace faultline::proxy_api::detail {
namespace {

using proxies::proxy_errc;
using proxies::proxy_error;

// The longest lease a toxic may be given: far beyond any drill, far below nanoseconds' range.
constexpr auto max_lease = std::chrono::hours(24 * 365);

body_error bad(const std::string& detail, std::string field = {}) {
    return {proxy_error::make(proxy_errc::bad_request_body, detail), std::move(field)};
}

body_error missing(const std::string& field, const std::string& where = {}) {
    return {proxy_error::make(proxy_errc::missing_field, field + where), field};
}

// True when arrays and objects in `text` nest deeper than `limit` (strings are skipped).
bool nests_deeper_than(std::string_view text, int limit) {
    int depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit)
                return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

// nlohmann's messages start with "[json.exception.parse_error.101] ": keep what follows.
std::string plain_message(const char* what) {
    std::string_view text(what);
    if (!text.empty() && text.front() == '[') {
        auto end = text.find("] ");
        if (end != std::string_view::npos)
            text.remove_prefix(end + 2);
    }
    return std::string(text);
}

// The field `key` of `body`, or nullptr when absent or null (Go leaves such fields unchanged).
const json* field(const json& body, const char* key) {
    auto it = body.find(key);
    if (it == body.end() || it->is_null())
        return nullptr;
    return &*it;
}

expected<std::optional<std::string>, body_error> string_field(const json& body, const char* key) {
    const json* value = field(body, key);
    if (value == nullptr)
        return std::optional<std::string>{};
    if (!value->is_string())
        return make_unexpected(bad(std::string("field \"") + key + "\" must be a string", key));
    return std::optional<std::string>(value->get<std::string>());
}

expected<std::optional<bool>, body_error> bool_field(const json& body, const char* key) {
    const json* value = field(body, key);
    if (value == nullptr)
        return std::optional<bool>{};
    if (!value->is_boolean())
        return make_unexpected(
            bad(std::string("field \"") + key + "\" must be true or false", key));
    return std::optional<bool>(value->get<bool>());
}

expected<void, body_error> require_object(const json& body) {
    if (!body.is_object())
        return make_unexpected(bad("expected a JSON object"));
    return {};
}

expected<std::optional<double>, body_error> toxicity_field(const json& body) {
    const json* value = field(body, "toxicity");
    if (value == nullptr)
        return std::optional<double>{};
    const double toxicity = value->is_number() ? value->get<double>() : -1.0;
    if (!(toxicity >= 0.0 && toxicity <= 1.0))
        return make_unexpected(bad("toxicity must be a number from 0 to 1", "toxicity"));
    return std::optional<double>(toxicity);
}

expected<proxies::attribute_map, body_error> attributes_field(const json& body) {
    proxies::attribute_map attributes;
    const json* value = field(body, "attributes");
    if (value == nullptr)
        return attributes;
    if (!value->is_object())
        return make_unexpected(bad("field \"attributes\" must be an object", "attributes"));
    for (const auto& [key, item] : value->items()) {
        if (!item.is_number()) {
            return make_unexpected(bad("attribute \"" + key + "\" must be a number", "attributes"));
        }
        attributes[key] = item.get<double>();
    }
    return attributes;
}

// A lease: a positive number of milliseconds, or a duration string ("2s", "500ms").
expected<std::optional<nanoseconds>, body_error> lease_field(const json& body) {
    const std::string problem =
        "expires_in must be a positive number of milliseconds or a duration such as \"30s\", "
        "at most 365 days";
    const json* value = field(body, "expires_in");
    if (value == nullptr)
        return std::optional<nanoseconds>{};
    nanoseconds lease{0};
    if (value->is_number()) {
        const double ms = value->get<double>();
        if (!(ms > 0.0 && ms <= std::chrono::duration<double, std::milli>(max_lease).count()))
            return make_unexpected(bad(problem, "expires_in"));
        lease = duration_cast<nanoseconds>(std::chrono::duration<double, std::milli>(ms));
    } else if (value->is_string()) {
        auto parsed = core::parse_duration(value->get<std::string>());
        if (!parsed)
            return make_unexpected(bad("expires_in: " + parsed.error(), "expires_in"));
        lease = *parsed;
    } else {
        return make_unexpected(bad(problem, "expires_in"));
    }
    if (lease <= nanoseconds{0} || lease > max_lease)
        return make_unexpected(bad(problem, "expires_in"));
    return std::optional<nanoseconds>(lease);
}

expected<std::optional<std::uint64_t>, body_error> seed_field(const json& body) {
    const json* value = field(body, "seed");
    if (value == nullptr)
        return std::optional<std::uint64_t>{};
    if (!value->is_number_unsigned())
        return make_unexpected(bad("seed must be an integer from 0 to 2^64-1", "seed"));
    return std::optional<std::uint64_t>(value->get<std::uint64_t>());
}

expected<void, body_error> check_name(const std::string& name, const char* what) {
    std::string problem = proxies::name_problem(name);
    if (!problem.empty())
        return make_unexpected(bad(std::string(what) + " " + problem, "name"));
    return {};
}

}  // namespace

expected<json, body_error> parse_body(std::string_view body) {
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return make_unexpected(bad("empty body, expected JSON"));
    if (nests_deeper_than(body, max_json_depth))
        return make_unexpected(bad("JSON nested deeper than 32 levels"));
    try {
        return json::parse(body);
    } catch (const json::exception& e) {
        return make_unexpected(bad(plain_message(e.what())));
    }
}

expected<proxies::proxy_request, body_error> read_proxy_request(const json& body) {
    if (auto ok = require_object(body); !ok)
        return make_unexpected(ok.error());
    auto name = string_field(body, "name");
    auto listen = string_field(body, "listen");
    auto upstream = string_field(body, "upstream");
    auto enabled = bool_field(body, "enabled");
    for (const auto* failed : {&name, &listen, &upstream}) {
        if (!*failed)
            return make_unexpected(failed->error());
    }
    if (!enabled)
        return make_unexpected(enabled.error());
    proxies::proxy_request request;
    request.name = name->value_or("");
    request.listen = listen->value_or("");
    request.upstream = upstream->value_or("");
    request.enabled = enabled->value_or(true);
    if (request.name.empty())
        return make_unexpected(missing("name"));
    if (auto ok = check_name(request.name, "proxy name"); !ok)
        return make_unexpected(ok.error());
    if (request.upstream.empty())
        return make_unexpected(missing("upstream"));
    return request;
}

expected<proxies::proxy_patch, body_error> read_proxy_patch(const json& body) {
    if (auto ok = require_object(body); !ok)
        return make_unexpected(ok.error());
    auto listen = string_field(body, "listen");
    auto upstream = string_field(body, "upstream");
    auto enabled = bool_field(body, "enabled");
    if (!listen)
        return make_unexpected(listen.error());
    if (!upstream)
        return make_unexpected(upstream.error());
    if (!enabled)
        return make_unexpected(enabled.error());
    proxies::proxy_patch patch;
    // An empty address is "not given": Toxiproxy's clients send every field back on update.
    if (*listen && !(*listen)->empty())
        patch.listen = **listen;
    if (*upstream && !(*upstream)->empty())
        patch.upstream = **upstream;
    patch.enabled = *enabled;
    return patch;
}

expected<std::vector<proxies::proxy_request>, body_error> read_populate(const json& body,
                                                                        std::size_t* entry) {
    std::vector<proxies::proxy_request> list;
    if (body.is_null())
        return list;
    if (!body.is_array())
        return make_unexpected(bad("expected a JSON array of proxies"));
    std::set<std::string, std::less<>> names;
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (entry != nullptr)
            *entry = i;
        const std::string where = " at proxy " + std::to_string(i + 1);
        auto request = read_proxy_request(body[i]);
        if (!request) {
            body_error error = request.error();
            error.error.message += where;
            return make_unexpected(error);
        }
        if (!names.insert(request->name).second)
            return make_unexpected(
                bad("duplicate proxy name \"" + request->name + "\"" + where, "name"));
        list.push_back(std::move(*request));
    }
    return list;
}

expected<proxies::toxic_patch, body_error> read_toxic_patch(const json& body) {
    if (auto ok = require_object(body); !ok)
        return make_unexpected(ok.error());
    auto toxicity = toxicity_field(body);
    auto attributes = attributes_field(body);
    auto lease = lease_field(body);
    if (!toxicity)
        return make_unexpected(toxicity.error());
    if (!attributes)
        return make_unexpected(attributes.error());
    if (!lease)
        return make_unexpected(lease.error());
    proxies::toxic_patch patch;
    patch.toxicity = *toxicity;
    patch.attributes = std::move(*attributes);
    patch.expires_in = *lease;
    return patch;
}

expected<proxies::toxic_request, body_error> read_toxic_request(const json& body) {
    if (auto ok = require_object(body); !ok)
        return make_unexpected(ok.error());
    auto name = string_field(body, "name");
    auto type = string_field(body, "type");
    auto stream = string_field(body, "stream");
    for (const auto* failed : {&name, &type, &stream}) {
        if (!*failed)
            return make_unexpected(failed->error());
    }
    proxies::toxic_request request;
    request.name = name->value_or("");
    request.type = type->value_or("");
    request.stream = stream->value_or("");
    if (!request.stream.empty() && !proxies::parse_stream_direction(request.stream))
        return make_unexpected(body_error{proxy_error::make(proxy_errc::invalid_stream), "stream"});
    if (!request.name.empty()) {
        if (auto ok = check_name(request.name, "toxic name"); !ok)
            return make_unexpected(ok.error());
    }
    // The fields a new toxic shares with an update, then its seed.
    auto shared = read_toxic_patch(body);
    if (!shared)
        return make_unexpected(shared.error());
    auto seed = seed_field(body);
    if (!seed)
        return make_unexpected(seed.error());
    request.toxicity = shared->toxicity;
    request.attributes = std::move(shared->attributes);
    request.expires_in = shared->expires_in;
    request.seed = *seed;
    return request;
}

}  // namespace faultline::proxy_api::detail
