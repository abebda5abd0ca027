#include <nlohmann/json.hpp>

#include <faultline/proxy_api/api_message.hpp>

namespace faultline::proxy_api {

api_response error_response(int status, std::string_view message) {
    nlohmann::json body = {{"error", std::string(message)}, {"status", status}};
    return json_response(status,
                         body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

api_response json_response(int status, std::string body) {
    api_response response;
    response.status = status;
    response.content_type = "application/json";
    response.body = std::move(body);
    return response;
}

}  // namespace faultline::proxy_api
