#pragma once
/// How a complete HTTP response is judged against a workload's check.
#include <string_view>

#include <faultline/drivers/http_config.hpp>
#include <faultline/stats/outcome.hpp>

namespace faultline::drivers {

/// ok when the status is accepted (listed in check.status, or below 400 when none is listed)
/// and the body contains check.body_contains. An unaccepted 5xx is http_5xx, 4xx is http_4xx,
/// anything else check_failed.
stats::outcome judge_response(int status, std::string_view body, const check_spec& check) noexcept;

/// True when judging needs the response body.
inline bool needs_body(const check_spec& check) noexcept {
    return !check.body_contains.empty();
}

}  // namespace faultline::drivers
