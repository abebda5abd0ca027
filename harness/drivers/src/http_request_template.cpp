#include "http_request_template.hpp"

#include <charconv>
#include <stdexcept>

#include <faultline/core/ascii.hpp>

#include "tls_or_throw.hpp"

namespace faultline::drivers {
namespace {

core::text_template compile_or_throw(const std::string& text) {
    auto compiled = core::text_template::compile(text);
    if (!compiled)
        throw std::invalid_argument("bad template '" + text + "': " + compiled.error().message);
    return std::move(*compiled);
}

}  // namespace

std::string host_header(const core::host_port& target, bool https) {
    std::string host = target.host;
    if (host.find(':') != std::string::npos)
        host = "[" + host + "]";
    if (target.port != (https ? 443 : 80))
        host += ":" + std::to_string(target.port);
    return host;
}

http_request_template::http_request_template(const http_request& request, bool close_connection)
    : method_(request.method),
      target_(request.target),
      path_(compile_or_throw(request.path.empty() ? "/" : request.path)),
      body_(compile_or_throw(request.body)) {
    bool has_user_agent = false;
    bool has_host = false;
    for (const auto& [name, value] : request.headers) {
        has_user_agent = has_user_agent || core::iequals(name, "User-Agent");
        has_host = has_host || core::iequals(name, "Host");
    }
    if (!has_host)
        fixed_headers_ = "Host: " + host_header(target_, request.https) + "\r\n";
    if (request.https)
        tls_ = make_tls_or_throw(request.tls);
    for (const auto& [name, value] : request.headers) {
        auto compiled = compile_or_throw(value);
        if (compiled.is_constant()) {
            fixed_headers_ += name + ": " + compiled.literal_text() + "\r\n";
        } else {
            headers_.emplace_back(name, std::move(compiled));
        }
    }
    if (!has_user_agent)
        fixed_headers_ += "User-Agent: faultline\r\n";
    if (close_connection)
        fixed_headers_ += "Connection: close\r\n";
    always_length_ = method_ == "POST" || method_ == "PUT" || method_ == "PATCH";
}

void http_request_template::render(std::string& out, std::string& body_scratch,
                                   const core::template_context& ctx) const {
    body_scratch.clear();
    body_.render(body_scratch, ctx);
    out.clear();
    out.append(method_);
    out.push_back(' ');
    path_.render(out, ctx);
    out.append(" HTTP/1.1\r\n");
    out.append(fixed_headers_);
    for (const auto& [name, value] : headers_) {
        out.append(name);
        out.append(": ");
        value.render(out, ctx);
        out.append("\r\n");
    }
    if (always_length_ || !body_scratch.empty()) {
        char digits[24];
        auto [end, ec] = std::to_chars(digits, digits + sizeof digits, body_scratch.size());
        (void)ec;
        out.append("Content-Length: ");
        out.append(digits, end);
        out.append("\r\n");
    }
    out.append("\r\n");
    out.append(body_scratch);
}

}  // namespace faultline::drivers
