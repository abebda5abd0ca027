#include "json_view.hpp"

#include <cmath>
#include <cstdint>

#include <faultline/toxics/toxic_descriptor.hpp>

namespace faultline::proxy_api::detail {
namespace {

using json = nlohmann::json;

bool is_integer_attribute(const proxies::toxic_descriptor* type, const std::string& name) {
    if (type == nullptr)
        return false;
    const proxies::attribute_spec* spec = type->find_attribute(name);
    return spec != nullptr && spec->kind == proxies::attribute_kind::integer;
}

json attribute_value(double value, bool integer) {
    if (integer && std::isfinite(value) && std::fabs(value) < 9.0e18)
        return static_cast<std::int64_t>(std::llround(value));
    return value;
}

}  // namespace

json toxic_json(const proxies::toxic_view& toxic) {
    const proxies::toxic_settings& s = toxic.settings;
    const proxies::toxic_descriptor* type = proxies::find_toxic_type(s.type);
    json attributes = json::object();
    for (const auto& [name, value] : s.attributes)
        attributes[name] = attribute_value(value, is_integer_attribute(type, name));
    json out = {
        {"name", s.name},
        {"type", s.type},
        {"stream", std::string(proxies::to_string(s.stream))},
        {"toxicity", s.toxicity},
        {"attributes", std::move(attributes)},
        {"seed", s.seed},
        {"counters",
         {{"connections", toxic.counts.connections},
          {"pieces", toxic.counts.pieces},
          {"bytes", toxic.counts.bytes},
          {"actions", toxic.counts.actions}}},
    };
    if (toxic.expires_after) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(*toxic.expires_after);
        out["expires_in"] = std::max<std::int64_t>(0, left.count());
    }
    return out;
}

json proxy_json(const proxies::proxy_view& proxy) {
    json toxics = json::array();
    for (const auto& toxic : proxy.toxics)
        toxics.push_back(toxic_json(toxic));
    return {
        {"name", proxy.name},       {"listen", proxy.listen},      {"upstream", proxy.upstream},
        {"enabled", proxy.enabled}, {"toxics", std::move(toxics)},
    };
}

json proxies_json(const std::vector<proxies::proxy_view>& list) {
    json out = json::array();
    for (const auto& proxy : list)
        out.push_back(proxy_json(proxy));
    return out;
}

std::string to_text(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace faultline::proxy_api::detail
