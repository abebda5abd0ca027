#include <algorithm>

#include <faultline/drivers/response_check.hpp>

namespace faultline::drivers {

stats::outcome judge_response(int status, std::string_view body, const check_spec& check) noexcept {
    const bool accepted = check.status.empty() ? status < 400
                                               : std::find(check.status.begin(), check.status.end(),
                                                           status) != check.status.end();
    if (!accepted) {
        if (status >= 500)
            return stats::outcome::http_5xx;
        if (status >= 400)
            return stats::outcome::http_4xx;
        return stats::outcome::check_failed;
    }
    if (!check.body_contains.empty() && body.find(check.body_contains) == std::string_view::npos) {
        return stats::outcome::check_failed;
    }
    return stats::outcome::ok;
}

}  // namespace faultline::drivers
