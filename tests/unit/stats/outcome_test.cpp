#include <set>
#include <string>

#include <catch2/catch.hpp>

#include <faultline/stats/outcome.hpp>

using faultline::stats::all_outcomes;
using faultline::stats::outcome;
using faultline::stats::outcome_count;

TEST_CASE("every outcome has its documented, distinct name", "[outcome]") {
    auto [o, name] = GENERATE(table<outcome, const char*>({
        {outcome::ok, "ok"},
        {outcome::dns, "dns"},
        {outcome::tls_handshake, "tls_handshake"},
        {outcome::tls_verify, "tls_verify"},
        {outcome::connect_refused, "connect_refused"},
        {outcome::connect_timeout, "connect_timeout"},
        {outcome::reset, "reset"},
        {outcome::timeout, "timeout"},
        {outcome::eof, "eof"},
        {outcome::protocol, "protocol"},
        {outcome::http_4xx, "http_4xx"},
        {outcome::http_5xx, "http_5xx"},
        {outcome::check_failed, "check_failed"},
        {outcome::cancelled, "cancelled"},
    }));
    CHECK(faultline::stats::to_string(o) == name);
    CHECK(faultline::stats::parse_outcome(name) == o);
}

TEST_CASE("outcome names are distinct and indexes dense", "[outcome]") {
    std::set<std::string> names;
    for (std::size_t i = 0; i < outcome_count; ++i) {
        CHECK(faultline::stats::to_index(all_outcomes[i]) == i);
        names.emplace(faultline::stats::to_string(all_outcomes[i]));
    }
    CHECK(names.size() == outcome_count);
    CHECK_FALSE(faultline::stats::parse_outcome("OK").has_value());
    CHECK_FALSE(faultline::stats::parse_outcome("").has_value());
    CHECK(faultline::stats::to_string(static_cast<outcome>(200)) == "unknown");
}

TEST_CASE("errors and latency-carrying outcomes", "[outcome]") {
    auto [o, error, latency] = GENERATE(table<outcome, bool, bool>({
        {outcome::ok, false, true},
        {outcome::dns, true, false},
        {outcome::tls_handshake, true, false},
        {outcome::tls_verify, true, false},
        {outcome::connect_refused, true, false},
        {outcome::connect_timeout, true, false},
        {outcome::reset, true, false},
        {outcome::timeout, true, true},
        {outcome::eof, true, false},
        {outcome::protocol, true, false},
        {outcome::http_4xx, true, true},
        {outcome::http_5xx, true, true},
        {outcome::check_failed, true, true},
        {outcome::cancelled, false, false},
    }));
    INFO(faultline::stats::to_string(o));
    CHECK(faultline::stats::is_error(o) == error);
    CHECK(faultline::stats::has_latency(o) == latency);
}

TEST_CASE("out-of-range outcome values are neither errors nor latencies", "[outcome]") {
    CHECK_FALSE(faultline::stats::is_error(static_cast<outcome>(outcome_count)));
    CHECK_FALSE(faultline::stats::has_latency(static_cast<outcome>(255)));
}
