// The threshold expression language: METRIC OP VALUE, such as "p95 < 2s".
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/core.h>

#include <faultline/core/units.hpp>
#include <faultline/scenario/threshold_spec.hpp>

namespace faultline::scenario {
namespace {

constexpr std::string_view metrics_hint =
    "a metric: pQ (a latency percentile such as p95 or p99.9), avg, min, max, error_rate, "
    "availability or throughput";

struct cursor {
    std::string_view text;
    std::size_t at = 0;

    void skip_spaces() {
        while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at])) != 0)
            ++at;
    }
    bool done() const { return at >= text.size(); }
};

bool is_word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
}

expression_error error_at(std::size_t offset, std::string message) {
    return expression_error{offset, std::move(message)};
}

// "p95", "p99.9": the percentile, or an error message.
expected<double, std::string> read_quantile(std::string_view word) {
    const auto digits = word.substr(1);
    double q = 0;
    const auto* end = digits.data() + digits.size();
    const auto [ptr, ec] = std::from_chars(digits.data(), end, q);
    if (digits.empty() || ec != std::errc{} || ptr != end || !std::isfinite(q))
        return make_unexpected(fmt::format("expected {}, got '{}'", metrics_hint, word));
    if (q <= 0 || q >= 100)
        return make_unexpected(fmt::format(
            "the percentile of '{}' must be above 0 and below 100 (use max for the highest)",
            word));
    return q;
}

expected<threshold_expression, expression_error> read_metric(std::string_view word,
                                                             std::size_t offset) {
    threshold_expression e;
    if (word == "avg" || word == "mean") {
        e.metric = threshold_metric::avg;
    } else if (word == "min") {
        e.metric = threshold_metric::min;
    } else if (word == "max") {
        e.metric = threshold_metric::max;
    } else if (word == "med") {
        e.metric = threshold_metric::quantile;
        e.quantile = 50;
    } else if (word == "error_rate") {
        e.metric = threshold_metric::error_rate;
    } else if (word == "availability") {
        e.metric = threshold_metric::availability;
    } else if (word == "throughput") {
        e.metric = threshold_metric::throughput;
    } else if (word.size() > 1 && word.front() == 'p' &&
               std::isdigit(static_cast<unsigned char>(word[1])) != 0) {
        auto q = read_quantile(word);
        if (!q)
            return make_unexpected(error_at(offset, q.error()));
        e.metric = threshold_metric::quantile;
        e.quantile = *q;
    } else if (word.empty()) {
        return make_unexpected(error_at(offset, fmt::format("expected {}", metrics_hint)));
    } else {
        return make_unexpected(
            error_at(offset, fmt::format("expected {}, got '{}'", metrics_hint, word)));
    }
    return e;
}

std::optional<comparison> read_comparison(cursor& c) {
    constexpr std::array<std::pair<std::string_view, comparison>, 6> symbols{{
        {"<=", comparison::less_equal},
        {">=", comparison::greater_equal},
        {"==", comparison::equal},
        {"!=", comparison::not_equal},
        {"<", comparison::less},
        {">", comparison::greater},
    }};
    const auto rest = c.text.substr(c.at);
    for (const auto& [symbol, op] : symbols) {
        if (rest.starts_with(symbol)) {
            c.at += symbol.size();
            return op;
        }
    }
    return std::nullopt;
}

// The limit in the metric's base unit, or the reason it is not one.
expected<double, std::string> read_limit(threshold_metric m, std::string_view value,
                                         std::string_view metric) {
    if (is_latency(m)) {
        auto d = core::parse_duration(value);
        if (!d)
            return make_unexpected(fmt::format(
                "{} compares a duration such as \"2s\" or \"500ms\", got '{}'", metric, value));
        return std::chrono::duration<double>(*d).count();
    }
    if (m == threshold_metric::throughput) {
        auto rate = core::parse_rate(value);
        if (!rate)
            return make_unexpected(fmt::format(
                "throughput compares a rate such as \"50/s\" or \"3000/m\", got '{}'", value));
        return *rate;
    }
    auto share = core::parse_percent(value);
    if (!share)
        return make_unexpected(fmt::format(
            "{} compares a percentage from 0% to 100% such as \"1%\", got '{}'", metric, value));
    return *share;
}

}  // namespace

bool is_latency(threshold_metric m) {
    return m == threshold_metric::quantile || m == threshold_metric::avg ||
           m == threshold_metric::min || m == threshold_metric::max;
}

expected<threshold_expression, expression_error> parse_threshold_expression(std::string_view text) {
    cursor c{text};
    c.skip_spaces();
    const auto metric_at = c.at;
    while (!c.done() && is_word_char(text[c.at]))
        ++c.at;
    const auto word = text.substr(metric_at, c.at - metric_at);
    if (word.empty() && c.done())
        return make_unexpected(error_at(metric_at,
                                        "expected an expression such as \"p95 < 2s\" or "
                                        "\"error_rate < 1%\""));
    auto e = read_metric(word, metric_at);
    if (!e)
        return e;
    c.skip_spaces();
    const auto op_at = c.at;
    auto op = read_comparison(c);
    if (!op)
        return make_unexpected(error_at(
            op_at, fmt::format("expected a comparison (<, <=, >, >=, == or !=) after '{}'", word)));
    e->op = *op;
    c.skip_spaces();
    const auto value_at = c.at;
    while (!c.done() && std::isspace(static_cast<unsigned char>(text[c.at])) == 0)
        ++c.at;
    const auto value = text.substr(value_at, c.at - value_at);
    if (value.empty())
        return make_unexpected(
            error_at(value_at, fmt::format("expected a value after '{}'", comparison_symbol(*op))));
    auto limit = read_limit(e->metric, value, word);
    if (!limit)
        return make_unexpected(error_at(value_at, limit.error()));
    e->limit = *limit;
    c.skip_spaces();
    if (!c.done())
        return make_unexpected(error_at(
            c.at, fmt::format("unexpected '{}' after the value '{}'", text.substr(c.at), value)));
    e->text = std::string(text.substr(metric_at, value_at + value.size() - metric_at));
    return e;
}

bool holds(const threshold_expression& e, double value) {
    switch (e.op) {
        case comparison::less:
            return value < e.limit;
        case comparison::less_equal:
            return value <= e.limit;
        case comparison::greater:
            return value > e.limit;
        case comparison::greater_equal:
            return value >= e.limit;
        case comparison::equal:
            return value == e.limit;
        case comparison::not_equal:
            return value != e.limit;
    }
    return false;
}

std::string metric_name(const threshold_expression& e) {
    switch (e.metric) {
        case threshold_metric::quantile:
            return fmt::format("p{:g}", e.quantile);
        case threshold_metric::avg:
            return "avg";
        case threshold_metric::min:
            return "min";
        case threshold_metric::max:
            return "max";
        case threshold_metric::error_rate:
            return "error_rate";
        case threshold_metric::availability:
            return "availability";
        case threshold_metric::throughput:
            return "throughput";
    }
    return "?";
}

std::string_view comparison_symbol(comparison op) {
    switch (op) {
        case comparison::less:
            return "<";
        case comparison::less_equal:
            return "<=";
        case comparison::greater:
            return ">";
        case comparison::greater_equal:
            return ">=";
        case comparison::equal:
            return "==";
        case comparison::not_equal:
            return "!=";
    }
    return "?";
}

std::string_view to_string(threshold_scope s) {
    switch (s) {
        case threshold_scope::run:
            return "run";
        case threshold_scope::step:
            return "step";
        case threshold_scope::window:
            return "window";
    }
    return "?";
}

}  // namespace faultline::scenario
