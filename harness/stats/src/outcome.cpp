#include <faultline/stats/outcome.hpp>

namespace faultline::stats {
namespace {

constexpr std::array<std::string_view, outcome_count> names = {
    "ok",
    "dns",
    "connect_refused",
    "connect_timeout",
    "tls_handshake",
    "tls_verify",
    "reset",
    "timeout",
    "eof",
    "protocol",
    "http_4xx",
    "http_5xx",
    "check_failed",
    "cancelled",
};

}  // namespace

std::string_view to_string(outcome o) noexcept {
    const auto i = to_index(o);
    return i < names.size() ? names[i] : std::string_view{"unknown"};
}

std::optional<outcome> parse_outcome(std::string_view name) noexcept {
    for (auto o : all_outcomes) {
        if (names[to_index(o)] == name) {
            return o;
        }
    }
    return std::nullopt;
}

}  // namespace faultline::stats
