#include <array>

#include <faultline/sample/router.hpp>

namespace faultline::sample {
namespace {

struct fixed_route {
    std::string_view path;
    std::string_view method;
    endpoint target;
};

constexpr std::array fixed_routes{
    fixed_route{"/health", "GET", endpoint::health},
    fixed_route{"/static", "GET", endpoint::static_page},
    fixed_route{"/orders", "POST", endpoint::create_order},
    fixed_route{"/login", "POST", endpoint::login},
    fixed_route{"/me", "GET", endpoint::me},
};

constexpr std::string_view items_prefix = "/items/";

route_result match(std::string_view method, std::string_view want, endpoint target) noexcept {
    if (method == want)
        return route_result{target, 0, {}};
    return route_result{std::nullopt, 405, want};
}

}  // namespace

route_result route(std::string_view method, std::string_view path) noexcept {
    for (const auto& r : fixed_routes) {
        if (path == r.path)
            return match(method, r.method, r.target);
    }
    if (path.starts_with(items_prefix) && path.size() > items_prefix.size() &&
        path.find('/', items_prefix.size()) == std::string_view::npos) {
        return match(method, "GET", endpoint::item);
    }
    return route_result{std::nullopt, 404, {}};
}

bool uses_worker(endpoint e) noexcept {
    switch (e) {
        case endpoint::health:
        case endpoint::login:
            return false;
        case endpoint::static_page:
        case endpoint::item:
        case endpoint::create_order:
        case endpoint::me:
            return true;
    }
    return true;
}

}  // namespace faultline::sample
