#include <nlohmann/json.hpp>

#include <faultline/run/http_proxy_control.hpp>

namespace faultline::run {
namespace {

using json = nlohmann::json;

std::int64_t millis(nanoseconds d) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

std::string toxics_path(const std::string& proxy) {
    return "/proxies/" + proxy_api::escape_path_segment(proxy) + "/toxics";
}

std::string toxic_path(const std::string& proxy, const std::string& toxic) {
    return toxics_path(proxy) + "/" + proxy_api::escape_path_segment(toxic);
}

// "404 {...}" or the client's own error.
std::string answer_text(const expected<proxy_api::client_response, std::string>& answer) {
    return answer ? std::to_string(answer->status) + " " + answer->body : answer.error();
}

}  // namespace

http_proxy_control::http_proxy_control(std::string api, std::string token)
    : api_(std::move(api)), client_(api_, std::move(token), std::chrono::seconds(2)) {}

expected<void, std::string> http_proxy_control::add_toxic(const std::string& proxy,
                                                          const proxies::toxic_request& toxic) {
    json body{{"name", toxic.name},
              {"type", toxic.type},
              {"stream", toxic.stream},
              {"toxicity", toxic.toxicity.value_or(1.0)},
              {"attributes", json::object()}};
    if (toxic.expires_in)
        body["expires_in"] = millis(*toxic.expires_in);
    for (const auto& [key, value] : toxic.attributes)
        body["attributes"][key] = value;
    auto answer = client_.post(toxics_path(proxy), body.dump());
    if (!answer || answer->status != 200)
        return make_unexpected("proxy " + proxy + " at " + api_ + ", toxic " + toxic.name + ": " +
                               answer_text(answer));
    return {};
}

expected<void, std::string> http_proxy_control::remove_toxic(const std::string& proxy,
                                                             const std::string& toxic) noexcept {
    try {
        auto answer = client_.remove(toxic_path(proxy, toxic));
        if (answer && (answer->status == 204 || answer->status == 404))
            return {};
        return make_unexpected("proxy " + proxy + ", toxic " + toxic + ": " +
                               (answer ? answer->body : answer.error()) +
                               " (its lease ends it anyway)");
    } catch (const std::exception& e) {
        return make_unexpected(std::string(e.what()) + " (its lease ends it anyway)");
    }
}

expected<faults::touch_counts, std::string> http_proxy_control::toxic_counts(
    const std::string& proxy, const std::string& toxic) const {
    auto answer = client_.get(toxic_path(proxy, toxic));
    if (!answer || answer->status != 200)
        return make_unexpected("proxy " + proxy + ", toxic " + toxic + ": " + answer_text(answer));
    const auto counters = json::parse(answer->body, nullptr, false).value("counters", json());
    if (!counters.is_object())
        return make_unexpected("proxy " + proxy + ", toxic " + toxic + ": no counters");
    faults::touch_counts counts;
    for (const char* what : {"connections", "pieces", "bytes", "actions"})
        counts.emplace_back(what, counters.value(what, std::uint64_t{0}));
    return counts;
}

expected<std::uint64_t, std::string> http_proxy_control::set_enabled(const std::string& proxy,
                                                                     bool) {
    return make_unexpected("proxy " + proxy + " at " + api_ +
                           ": a standalone proxy is never disabled by a run (no lease would "
                           "end the outage if the run died)");
}

expected<void, std::string> http_proxy_control::renew(const std::string& proxy,
                                                      const std::string& toxic, nanoseconds lease) {
    auto answer =
        client_.patch(toxic_path(proxy, toxic), json{{"expires_in", millis(lease)}}.dump());
    if (!answer || answer->status != 200)
        return make_unexpected("proxy " + proxy + ": renewing the lease of toxic " + toxic +
                               " failed: " + (answer ? answer->body : answer.error()));
    return {};
}

}  // namespace faultline::run
