#include <charconv>
#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

#include <faultline/core/ascii.hpp>
#include <faultline/sample/handlers.hpp>

namespace faultline::sample {
namespace {

using core::iequals;

using json = nlohmann::json;

http_response json_response(int status, const json& body) {
    return http_response{status, "application/json", body.dump(), {}};
}

}  // namespace

std::optional<std::int64_t> parse_item_id(std::string_view path) {
    const std::string_view text = path.substr(path.rfind('/') + 1);
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size() || id < 1)
        return std::nullopt;
    return id;
}

namespace {

// A positive integer member of a JSON object.
std::optional<std::int64_t> positive_member(const json& object, const char* name) {
    auto found = object.find(name);
    if (found == object.end() || !found->is_number_integer())
        return std::nullopt;
    if (found->is_number_unsigned() && found->get<std::uint64_t>() > INT64_MAX)
        return std::nullopt;
    auto value = found->get<std::int64_t>();
    if (value < 1)
        return std::nullopt;
    return value;
}

}  // namespace

http_response handlers::handle(endpoint target, const http_request& request) {
    switch (target) {
        case endpoint::health:
            return http_response{200, "text/plain", "ok", {}};
        case endpoint::static_page:
            return http_response{200, "text/plain", std::string(static_body), {}};
        case endpoint::item:
            return get_item(request.path());
        case endpoint::create_order:
            return create_order(request.body);
        case endpoint::login:
            return login();
        case endpoint::me:
            return me(request);
    }
    return error_response(500, "unhandled endpoint");
}

expected<order, http_response> parse_order(std::string_view body) {
    auto parsed = json::parse(body, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        return make_unexpected(
            error_response(400, "expected a JSON object {\"item\": id, \"qty\": n}"));
    }
    auto item_id = positive_member(parsed, "item");
    auto qty = positive_member(parsed, "qty");
    if (!item_id || !qty)
        return make_unexpected(
            error_response(400, "\"item\" and \"qty\" must be positive integers"));
    return order{*item_id, *qty};
}

http_response handlers::get_item(std::string_view path) {
    auto id = parse_item_id(path);
    auto found = id ? store_.find_item(*id) : std::nullopt;
    if (!found)
        return error_response(404, "unknown item");
    return json_response(200, json{{"id", found->id}, {"name", found->name}});
}

http_response handlers::create_order(std::string_view body) {
    auto wanted = parse_order(body);
    if (!wanted)
        return wanted.error();
    if (!store_.find_item(wanted->item))
        return error_response(404, "unknown item");
    const std::int64_t id = store_.add_order(*wanted);
    return json_response(201, json{{"order", id}});
}

http_response handlers::login() {
    login_grant grant = sessions_.login();
    http_response response = json_response(200, json{{"token", grant.token}});
    response.headers.emplace_back("X-Session", std::move(grant.session));
    return response;
}

http_response handlers::me(const http_request& request) {
    constexpr std::string_view scheme = "Bearer ";
    auto authorization = request.header("Authorization");
    if (authorization && authorization->size() > scheme.size() &&
        iequals(authorization->substr(0, scheme.size()), scheme)) {
        if (auto user = sessions_.user_of(authorization->substr(scheme.size()))) {
            return json_response(200, json{{"user", *user}});
        }
    }
    http_response denied = error_response(401, "a bearer token from POST /login is required");
    denied.headers.emplace_back("WWW-Authenticate", "Bearer");
    return denied;
}

}  // namespace faultline::sample
