#include <algorithm>
#include <cmath>

#include <faultline/config/table_reader.hpp>
#include <faultline/core/endpoint.hpp>
#include <faultline/core/units.hpp>

namespace faultline::config {

void type_error(context& ctx, const toml::node& node, const std::string& path,
                std::string_view expected) {
    ctx.error(node, path + ": expected " + std::string(expected) + ", got " + describe(node));
}

std::optional<std::string> to_string(context& ctx, const toml::node& node,
                                     const std::string& path) {
    if (auto text = node.value<std::string>(); text && node.is_string())
        return *text;
    type_error(ctx, node, path, "a string");
    return std::nullopt;
}

std::optional<nanoseconds> to_duration(context& ctx, const toml::node& node,
                                       const std::string& path) {
    if (!node.is_string()) {
        type_error(ctx, node, path, "a duration such as \"250ms\" (units are required)");
        return std::nullopt;
    }
    auto parsed = core::parse_duration(*node.value<std::string>());
    if (!parsed) {
        ctx.error(node, path + ": " + parsed.error());
        return std::nullopt;
    }
    return *parsed;
}

std::optional<double> to_percent(context& ctx, const toml::node& node, const std::string& path) {
    if (!node.is_string()) {
        type_error(ctx, node, path, "a percentage such as \"1%\" (units are required)");
        return std::nullopt;
    }
    auto parsed = core::parse_percent(*node.value<std::string>());
    if (!parsed) {
        ctx.error(node, path + ": " + parsed.error());
        return std::nullopt;
    }
    return *parsed;
}

std::optional<double> to_number(context& ctx, const toml::node& node, const std::string& path) {
    if (node.is_integer())
        return static_cast<double>(*node.value<std::int64_t>());
    if (node.is_floating_point()) {
        const double value = *node.value<double>();
        if (std::isfinite(value))
            return value;
        ctx.error(node, path + ": expected a finite number, got " + describe(node));
        return std::nullopt;
    }
    type_error(ctx, node, path, "a number");
    return std::nullopt;
}

std::optional<std::int64_t> to_integer(context& ctx, const toml::node& node,
                                       const std::string& path, std::int64_t min,
                                       std::int64_t max) {
    if (!node.is_integer()) {
        type_error(ctx, node, path, "an integer");
        return std::nullopt;
    }
    const std::int64_t value = *node.value<std::int64_t>();
    if (value < min || value > max) {
        ctx.error(node, path + ": expected an integer from " + std::to_string(min) + " to " +
                            std::to_string(max) + ", got " + std::to_string(value));
        return std::nullopt;
    }
    return value;
}

table_reader::table_reader(context& ctx, const toml::table& table, std::string path,
                           std::string title, std::initializer_list<std::string_view> allowed,
                           std::initializer_list<std::string_view> planned)
    : table_reader(ctx, table, std::move(path), std::move(title),
                   std::span<const std::string_view>(allowed.begin(), allowed.size()),
                   std::span<const std::string_view>(planned.begin(), planned.size()), {}) {}

table_reader::table_reader(context& ctx, const toml::table& table, std::string path,
                           std::string title, std::initializer_list<std::string_view> allowed,
                           const std::function<bool(std::string_view)>& pattern)
    : table_reader(ctx, table, std::move(path), std::move(title),
                   std::span<const std::string_view>(allowed.begin(), allowed.size()), {},
                   pattern) {}

table_reader::table_reader(context& ctx, const toml::table& table, std::string path,
                           std::string title, const std::vector<std::string_view>& allowed)
    : table_reader(ctx, table, std::move(path), std::move(title),
                   std::span<const std::string_view>(allowed), {}, {}) {}

table_reader::table_reader(context& ctx, const toml::table& table, std::string path,
                           std::string title, std::span<const std::string_view> allowed,
                           std::span<const std::string_view> planned,
                           const std::function<bool(std::string_view)>& pattern)
    : ctx_(&ctx), table_(&table), path_(std::move(path)), title_(std::move(title)) {
    for (auto&& [key, value] : table) {
        const std::string_view name = key.str();
        if (std::find(allowed.begin(), allowed.end(), name) != allowed.end())
            continue;
        if (pattern && pattern(name))
            continue;
        if (std::find(planned.begin(), planned.end(), name) != planned.end()) {
            ctx.error(key.source(), "'" + std::string(name) + "' in " + title_ +
                                        " is not supported by this version of faultline yet");
            continue;
        }
        std::string message = "unknown key '" + std::string(name) + "' in " + title_ + ";";
        if (auto guess = closest_match(name, allowed); !guess.empty()) {
            message += " did you mean '" + std::string(guess) + "'?";
        }
        message += " expected one of:";
        bool first = true;
        for (auto candidate : allowed) {
            message += (first ? " " : ", ") + std::string(candidate);
            first = false;
        }
        ctx.error(key.source(), std::move(message));
    }
}

std::string table_reader::path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const toml::node* table_reader::node(std::string_view key) const {
    return table_->get(key);
}

void table_reader::missing(std::string_view key, std::string_view hint) const {
    std::string message = "missing required key '" + std::string(key) + "' in " + title_;
    if (!hint.empty())
        message += " (" + std::string(hint) + ")";
    ctx_->error(*table_, std::move(message));
}

std::optional<std::string> table_reader::string(std::string_view key, bool required) const {
    if (const auto* found = node(key))
        return to_string(*ctx_, *found, path(key));
    if (required)
        missing(key);
    return std::nullopt;
}

std::optional<nanoseconds> table_reader::duration(std::string_view key) const {
    if (const auto* found = node(key))
        return to_duration(*ctx_, *found, path(key));
    return std::nullopt;
}

std::optional<nanoseconds> table_reader::positive_duration(std::string_view key) const {
    const auto* found = node(key);
    if (found == nullptr)
        return std::nullopt;
    auto value = to_duration(*ctx_, *found, path(key));
    if (value && value->count() <= 0) {
        ctx_->error(*found,
                    path(key) + ": expected a duration greater than zero, got " + describe(*found));
        return std::nullopt;
    }
    return value;
}

std::optional<double> table_reader::percent(std::string_view key) const {
    if (const auto* found = node(key))
        return to_percent(*ctx_, *found, path(key));
    return std::nullopt;
}

std::optional<std::int64_t> table_reader::integer(std::string_view key, std::int64_t min,
                                                  std::int64_t max) const {
    if (const auto* found = node(key))
        return to_integer(*ctx_, *found, path(key), min, max);
    return std::nullopt;
}

std::optional<double> table_reader::number(std::string_view key) const {
    if (const auto* found = node(key))
        return to_number(*ctx_, *found, path(key));
    return std::nullopt;
}

const toml::table* table_reader::subtable(std::string_view key) const {
    const auto* found = node(key);
    if (found == nullptr)
        return nullptr;
    if (const auto* table = found->as_table())
        return table;
    type_error(*ctx_, *found, path(key), "a table");
    return nullptr;
}

std::optional<std::vector<std::string>> table_reader::string_array(std::string_view key) const {
    const auto* found = node(key);
    if (found == nullptr)
        return std::nullopt;
    const auto* array = found->as_array();
    if (array == nullptr) {
        type_error(*ctx_, *found, path(key), "an array of strings");
        return std::nullopt;
    }
    std::vector<std::string> values;
    bool ok = true;
    for (std::size_t i = 0; i < array->size(); ++i) {
        auto value = to_string(*ctx_, *array->get(i), path(key) + "." + std::to_string(i));
        if (value)
            values.push_back(std::move(*value));
        ok = ok && value.has_value();
    }
    if (!ok)
        return std::nullopt;
    return values;
}

namespace {

// The "HOST:PORT" at `key` with the rule `acceptable`; `expected` describes it in the error.
template <class Rule>
std::optional<core::host_port> read_host_port(const table_reader& r, std::string_view key,
                                              Rule acceptable, const std::string& expected) {
    auto text = r.string(key, true);
    if (!text)
        return std::nullopt;
    auto address = core::parse_host_port(*text);
    if (!address) {
        r.ctx().error(*r.node(key), r.path(key) + ": " + address.error());
        return std::nullopt;
    }
    if (!acceptable(*address)) {
        r.ctx().error(*r.node(key),
                      r.path(key) + ": expected " + expected + ", got \"" + *text + "\"");
        return std::nullopt;
    }
    return *address;
}

}  // namespace

std::optional<core::host_port> read_address(const table_reader& r, std::string_view key,
                                            bool port_required) {
    return read_host_port(
        r, key,
        [&](const core::host_port& a) {
            return core::is_loopback_host(a.host) && (!port_required || a.port != 0);
        },
        std::string("a loopback address") + (port_required ? " with a port" : "") +
            " such as \"127.0.0.1:15432\"");
}

std::optional<core::host_port> read_target_address(const table_reader& r, std::string_view key) {
    auto address = read_host_port(
        r, key, [](const core::host_port& a) { return a.port != 0; }, "a port from 1 to 65535");
    if (address)
        r.ctx().note_target(*r.node(key), address->host, r.path(key));
    return address;
}

std::optional<core::host_port> read_listen_address(const table_reader& r, std::string_view key) {
    return read_host_port(
        r, key,
        [](const core::host_port& a) {
            return (core::is_ip_literal(a.host) || a.host == "localhost") && a.port != 0;
        },
        "an address of this machine with a port, such as \"127.0.0.1:15432\" or "
        "\"0.0.0.0:15432\"");
}

}  // namespace faultline::config
