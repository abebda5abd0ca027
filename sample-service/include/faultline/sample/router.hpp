#pragma once
/// Which endpoint a request is for, and which endpoints need a worker slot.
#include <optional>
#include <string_view>

namespace faultline::sample {

/// The service's endpoints.
enum class endpoint {
    health,        ///< GET /health: no worker
    static_page,   ///< GET /static: worker, depends on nothing (the control group)
    item,          ///< GET /items/{id}: worker, reads the store
    create_order,  ///< POST /orders: worker, writes the store
    login,         ///< POST /login: no worker
    me,            ///< GET /me: worker, needs a bearer token from /login
};

/// The outcome of routing: an endpoint, or the status to answer with at once.
struct route_result {
    std::optional<endpoint> target;  ///< set when method and path match
    int status = 0;                  ///< 404 (unknown path) or 405 (wrong method) otherwise
    std::string_view allow;          ///< for 405: the method the path accepts
};

/// Matches a method and a path (without query string). Paths are matched exactly;
/// "/items/<anything without '/'>" is the item endpoint (its handler checks the id).
route_result route(std::string_view method, std::string_view path) noexcept;

/// True when the endpoint waits for a worker slot and holds it for the service time.
bool uses_worker(endpoint e) noexcept;

}  // namespace faultline::sample
