#pragma once
// The API's JSON for proxies and toxics: Toxiproxy's shapes plus faultline's extras (seed,
// expires_in, counters), which Toxiproxy's clients ignore.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <faultline/proxies/proxy_server.hpp>

namespace faultline::proxy_api::detail {

/// {"name","type","stream","toxicity","attributes",...extras}. Attributes the type declares as
/// integers are written as JSON integers.
nlohmann::json toxic_json(const proxies::toxic_view& toxic);

/// {"name","listen","upstream","enabled","toxics":[...]}.
nlohmann::json proxy_json(const proxies::proxy_view& proxy);

/// An array of proxy_json.
nlohmann::json proxies_json(const std::vector<proxies::proxy_view>& list);

/// Compact JSON text; invalid UTF-8 is replaced rather than thrown on.
std::string to_text(const nlohmann::json& value);

}  // namespace faultline::proxy_api::detail
