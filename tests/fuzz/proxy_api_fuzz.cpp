// libFuzzer target: each input is the bytes of one HTTP request, parsed by Beast with the API's
// limits and answered by the control API's handler against a real proxy_server, exactly as the
// server does it (proxy_api::handle_raw_request). The answer is serialised too. A crash, a
// sanitizer report, a hang or an answer that breaks the API's own rules is a finding.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string_view>

#include <nlohmann/json.hpp>

#include <faultline/core/logging.hpp>
#include <faultline/proxies/proxy_server.hpp>
#include <faultline/proxy_api/http_codec.hpp>

namespace {

using namespace faultline;

// Proxies the inputs create listen on real ports: remove them all this often so they never pile
// up (reset() alone keeps proxies).
constexpr std::uint64_t inputs_per_round = 64;

struct target {
    target() {
        core::setup_logging("off");
        proxies = std::make_unique<proxies::proxy_server>();
        proxy_api::api_settings settings;
        settings.version = "fuzz";
        handler = std::make_unique<proxy_api::api_handler>(*proxies, settings);
    }

    void clear() {
        for (const auto& proxy : proxies->list())
            (void)proxies->remove(proxy.name);
        proxies->reset();
    }

    std::unique_ptr<proxies::proxy_server> proxies;
    std::unique_ptr<proxy_api::api_handler> handler;
    std::uint64_t inputs = 0;
};

// The rules every answer keeps, whatever the input.
void check_answer(const proxy_api::api_response& answer) {
    static constexpr int known[] = {200, 201, 204, 400, 401, 403, 404, 405, 409, 413, 431, 500};
    if (std::find(std::begin(known), std::end(known), answer.status) == std::end(known))
        std::abort();
    if (answer.status == 204) {
        if (!answer.body.empty())
            std::abort();
        return;
    }
    if (answer.content_type == "application/json") {
        const auto body = nlohmann::json::parse(answer.body, nullptr, false);
        if (body.is_discarded())
            std::abort();
        // Every error is {"error": string, "status": the status}.
        if (answer.status >= 400 &&
            (!body.is_object() || !body.contains("error") || !body["error"].is_string() ||
             body.value("status", 0) != answer.status)) {
            std::abort();
        }
        // A 500 is for a listener that could not bind; an exception escaping is a finding.
        if (answer.status == 500 &&
            body["error"].get<std::string>().rfind("internal error", 0) == 0)
            std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static target state;
    if (++state.inputs % inputs_per_round == 0)
        state.clear();
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const proxy_api::api_response answer = proxy_api::handle_raw_request(*state.handler, bytes);
    check_answer(answer);
    // Render it as the server would, so the response side is exercised too.
    std::ostringstream rendered;
    rendered << proxy_api::to_http_response(answer, 11, true);
    if (rendered.str().rfind("HTTP/1.1 ", 0) != 0)
        std::abort();
    return 0;
}
