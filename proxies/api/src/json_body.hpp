#pragma once
// Request bodies (JSON) into the proxy_server's request types, with Toxiproxy's rules and
// messages. `null` stands for "not given" everywhere, as Go's decoder treats it; unknown fields are
// ignored, as Go's decoder ignores them (clients send whole objects back, e.g. a proxy's "toxics").
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <faultline/core/expected.hpp>
#include <faultline/proxies/proxy_server.hpp>
#include <faultline/proxies/resource_name.hpp>

namespace faultline::proxy_api::detail {

using json = nlohmann::json;

/// A problem with a body: the API's error, and the field it is about ("" for the body itself).
struct body_error {
    proxies::proxy_error error;
    std::string field;
};

/// How deeply arrays and objects may nest in a body.
inline constexpr int max_json_depth = 32;

/// The parsed body; malformed JSON, too deep nesting or an empty body is bad_request_body.
expected<json, body_error> parse_body(std::string_view body);

/// POST /proxies. Missing name or upstream is missing_field, as Toxiproxy checks them.
expected<proxies::proxy_request, body_error> read_proxy_request(const json& body);

/// PATCH/POST /proxies/{name}: only the fields given.
expected<proxies::proxy_patch, body_error> read_proxy_patch(const json& body);

/// POST /populate: an array of proxy requests; errors name the entry ("at proxy 2"), and a name
/// given twice is bad_request_body. `entry` receives the 0-based index of the entry at fault.
expected<std::vector<proxies::proxy_request>, body_error> read_populate(const json& body,
                                                                        std::size_t* entry);

/// POST /proxies/{name}/toxics, with the extras expires_in and seed.
expected<proxies::toxic_request, body_error> read_toxic_request(const json& body);

/// PATCH/POST /proxies/{name}/toxics/{toxic}: toxicity, attributes, expires_in.
expected<proxies::toxic_patch, body_error> read_toxic_patch(const json& body);

}  // namespace faultline::proxy_api::detail
