#pragma once
/// The endpoints' logic, run once a request is routed (and, where needed, has held a worker).
#include <cstdint>
#include <optional>
#include <string_view>

#include <faultline/core/expected.hpp>
#include <faultline/sample/http_request.hpp>
#include <faultline/sample/http_response.hpp>
#include <faultline/sample/router.hpp>
#include <faultline/sample/session_table.hpp>
#include <faultline/sample/store.hpp>

namespace faultline::sample {

/// The body of GET /static: constant, so the control group depends on nothing.
inline constexpr std::string_view static_body = "faultline-sample static page\n";

/// The id of GET /items/{id}: a positive decimal with nothing around it; nullopt otherwise.
std::optional<std::int64_t> parse_item_id(std::string_view path);

/// The order of a POST /orders body ({"item": id, "qty": n}, both positive integers), or the
/// 400 response that says what is wrong.
expected<order, http_response> parse_order(std::string_view body);

/// Builds each endpoint's response. Thread-safe as long as the store is. Holds references:
/// the store and the session table must outlive it.
class handlers {
public:
    /// Serves from `data` and `sessions`, which it references.
    handlers(store& data, session_table& sessions) : store_(data), sessions_(sessions) {}

    /// The response for `request`, which route() sent to `target`. Never throws on bad input:
    /// 400 for a bad order body, 404 for an unknown item, 401 without a valid bearer token.
    http_response handle(endpoint target, const http_request& request);

private:
    http_response get_item(std::string_view path);
    http_response create_order(std::string_view body);
    http_response login();
    http_response me(const http_request& request);

    store& store_;
    session_table& sessions_;
};

}  // namespace faultline::sample
