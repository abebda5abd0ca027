#include <faultline/proxies/proxy_error.hpp>

namespace faultline::proxies {

namespace {
class category final : public std::error_category {
public:
    const char* name() const noexcept override { return "faultline.proxy"; }
    std::string message(int value) const override {
        switch (static_cast<proxy_errc>(value)) {
            case proxy_errc::bad_request_body:
                return "bad request body";
            case proxy_errc::missing_field:
                return "missing required field";
            case proxy_errc::proxy_not_found:
                return "proxy not found";
            case proxy_errc::proxy_exists:
                return "proxy already exists";
            case proxy_errc::invalid_stream:
                return "stream was invalid, can be either upstream or downstream";
            case proxy_errc::invalid_toxic_type:
                return "invalid toxic type";
            case proxy_errc::toxic_exists:
                return "toxic already exists";
            case proxy_errc::toxic_not_found:
                return "toxic not found";
            case proxy_errc::listen_failed:
                return "listen failed";
        }
        return "unknown proxy error";
    }
};
}  // namespace

const std::error_category& proxy_category() noexcept {
    static const category instance;
    return instance;
}

std::error_code make_error_code(proxy_errc e) noexcept {
    return {static_cast<int>(e), proxy_category()};
}

int http_status(proxy_errc e) noexcept {
    switch (e) {
        case proxy_errc::proxy_not_found:
        case proxy_errc::toxic_not_found:
            return 404;
        case proxy_errc::proxy_exists:
        case proxy_errc::toxic_exists:
            return 409;
        case proxy_errc::listen_failed:
            return 500;
        case proxy_errc::bad_request_body:
        case proxy_errc::missing_field:
        case proxy_errc::invalid_stream:
        case proxy_errc::invalid_toxic_type:
            return 400;
    }
    return 500;
}

proxy_error proxy_error::make(proxy_errc code, const std::string& detail) {
    std::string message = make_error_code(code).message();
    if (!detail.empty())
        message += ": " + detail;
    return proxy_error{code, std::move(message)};
}

}  // namespace faultline::proxies
