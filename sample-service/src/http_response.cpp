#include <nlohmann/json.hpp>

#include <faultline/sample/http_response.hpp>

namespace faultline::sample {

std::string_view reason_phrase(int status) noexcept {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 413:
            return "Content Too Large";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 501:
            return "Not Implemented";
        case 503:
            return "Service Unavailable";
        default:
            return "Unknown";
    }
}

http_response error_response(int status, std::string_view message) {
    nlohmann::json body{{"error", message}};
    return http_response{status, "application/json", body.dump(), {}};
}

void serialize(const http_response& response, bool keep_alive, std::string& out) {
    out.append("HTTP/1.1 ");
    out.append(std::to_string(response.status));
    out.push_back(' ');
    out.append(reason_phrase(response.status));
    out.append("\r\nContent-Type: ");
    out.append(response.content_type);
    out.append("\r\nContent-Length: ");
    out.append(std::to_string(response.body.size()));
    out.append(keep_alive ? "\r\nConnection: keep-alive" : "\r\nConnection: close");
    for (const auto& [name, value] : response.headers) {
        out.append("\r\n");
        out.append(name);
        out.append(": ");
        out.append(value);
    }
    out.append("\r\n\r\n");
    out.append(response.body);
}

}  // namespace faultline::sample
