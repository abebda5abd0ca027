#pragma once
/// How one request ended: the error kinds every report and the timeline count.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace faultline::stats {

/// The ending of one request. Values are dense from 0, so an outcome indexes an array of
/// outcome_count entries (see to_index). Invariant of a finished run:
/// sent = ok + sum of the error kinds + cancelled.
enum class outcome : std::uint8_t {
    ok,               ///< the response arrived and passed its check
    dns,              ///< the target's name did not resolve (or not in time)
    connect_refused,  ///< the connection was refused
    connect_timeout,  ///< the connection did not open in time
    tls_handshake,    ///< the TLS handshake failed (or did not finish in time)
    tls_verify,       ///< the server's certificate was rejected
    reset,            ///< the peer reset the connection
    timeout,          ///< the response did not arrive in time (its latency is the timeout)
    eof,              ///< the peer closed the connection before a full response
    protocol,         ///< the response could not be parsed
    http_4xx,         ///< HTTP status 400-499
    http_5xx,         ///< HTTP status 500-599
    check_failed,     ///< the response arrived but failed the workload's check
    cancelled,        ///< the run stopped before the request finished (neither ok nor error)
};

/// Number of outcome values.
inline constexpr std::size_t outcome_count = 14;

/// Every outcome, in enum order.
inline constexpr std::array<outcome, outcome_count> all_outcomes = {
    outcome::ok,
    outcome::dns,
    outcome::connect_refused,
    outcome::connect_timeout,
    outcome::tls_handshake,
    outcome::tls_verify,
    outcome::reset,
    outcome::timeout,
    outcome::eof,
    outcome::protocol,
    outcome::http_4xx,
    outcome::http_5xx,
    outcome::check_failed,
    outcome::cancelled,
};

/// The position of `o` in an array of outcome_count entries: 0 .. outcome_count-1.
constexpr std::size_t to_index(outcome o) noexcept {
    return static_cast<std::size_t>(o);
}

/// The stable name of `o` as reports and summary.json spell it: "ok", "dns", "connect_refused",
/// "connect_timeout", "tls_handshake", "tls_verify", "reset", "timeout", "eof", "protocol",
/// "http_4xx", "http_5xx", "check_failed", "cancelled". Unknown values give "unknown".
std::string_view to_string(outcome o) noexcept;

/// The outcome named `name` (exactly as to_string spells it), or nullopt.
std::optional<outcome> parse_outcome(std::string_view name) noexcept;

namespace detail {
/// The bit of `o` in an outcome mask: the hot path tests a flag with a shift, not a switch.
constexpr std::uint32_t bit(outcome o) noexcept {
    return std::uint32_t{1} << to_index(o);
}
/// Outcomes that count as errors.
constexpr std::uint32_t error_mask =
    ((std::uint32_t{1} << outcome_count) - 1) & ~(bit(outcome::ok) | bit(outcome::cancelled));
/// Outcomes whose latency goes into the histograms.
constexpr std::uint32_t latency_mask = bit(outcome::ok) | bit(outcome::http_4xx) |
                                       bit(outcome::http_5xx) | bit(outcome::check_failed) |
                                       bit(outcome::timeout);
/// True when `o` is a valid outcome whose bit is set in `mask`.
constexpr bool has_bit(std::uint32_t mask, outcome o) noexcept {
    return to_index(o) < outcome_count && ((mask >> to_index(o)) & 1U) != 0;
}
}  // namespace detail

/// True for every outcome but ok and cancelled.
constexpr bool is_error(outcome o) noexcept {
    return detail::has_bit(detail::error_mask, o);
}

/// True for the outcomes whose latency is recorded in the histograms: ok, http_4xx, http_5xx,
/// check_failed and timeout (a response, or a wait that lasted the whole timeout).
constexpr bool has_latency(outcome o) noexcept {
    return detail::has_bit(detail::latency_mask, o);
}

}  // namespace faultline::stats
