#include "shape_reading.hpp"

#include <sstream>

#include <faultline/core/units.hpp>

namespace faultline::ramps::detail {
namespace {

constexpr std::int64_t max_virtual_users = 1'000'000;

// The node a shape problem's key names ("stages.2.duration"), or null.
const toml::node* node_at(const toml::table& table, const std::string& key) {
    const toml::node* node = &table;
    std::istringstream parts(key);
    for (std::string part; std::getline(parts, part, '.');) {
        if (const auto* t = node->as_table()) {
            node = t->get(part);
        } else if (const auto* a = node->as_array()) {
            const bool index =
                !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
            node = index ? a->get(std::stoul(part)) : nullptr;
        } else {
            node = nullptr;
        }
        if (node == nullptr)
            return nullptr;
    }
    return node;
}

}  // namespace

std::optional<double> read_level(const config::table_reader& r, std::string_view key,
                                 std::optional<core::load_model> model, bool allow_zero) {
    const auto* node = r.node(key);
    if (node == nullptr)
        return std::nullopt;
    return to_level(r.ctx(), *node, r.path(key), model, allow_zero);
}

std::optional<double> to_level(config::context& ctx, const toml::node& node_ref,
                               const std::string& path, std::optional<core::load_model> model,
                               bool allow_zero) {
    const auto* node = &node_ref;
    if (model == core::load_model::closed) {
        if (!node->is_integer()) {
            config::type_error(
                ctx, *node, path,
                "an integer number of virtual users (model = \"closed\"; rates such as "
                "\"500/s\" are for model = \"open\")");
            return std::nullopt;
        }
        auto users = config::to_integer(ctx, *node, path, allow_zero ? 0 : 1, max_virtual_users);
        if (!users)
            return std::nullopt;
        return static_cast<double>(*users);
    }
    if (node->is_string()) {
        const auto text = *node->value<std::string>();
        auto rate = core::parse_rate(text);
        if (!rate && allow_zero && (text == "0" || text == "0/s"))
            return 0.0;
        if (!rate)
            ctx.error(*node, path + ": " + rate.error());
        return rate ? std::optional<double>(*rate) : std::nullopt;
    }
    if (!node->is_number()) {
        config::type_error(ctx, *node, path,
                           "an arrival rate such as \"500/s\" or a number of arrivals per second");
        return std::nullopt;
    }
    auto value = config::to_number(ctx, *node, path);
    if (value && (*value < 0 || (*value == 0 && !allow_zero))) {
        ctx.error(*node, path +
                             (allow_zero ? ": expected a rate of zero or more, got "
                                         : ": expected a rate greater than zero, got ") +
                             config::describe(*node));
        return std::nullopt;
    }
    return value;
}

void read_duration(const config::table_reader& r, std::string_view key, nanoseconds& out) {
    if (auto d = r.duration(key))
        out = *d;
}

void require_keys(const config::table_reader& r, std::initializer_list<std::string_view> keys,
                  std::string_view hint) {
    for (auto key : keys) {
        if (r.node(key) == nullptr)
            r.missing(key, hint);
    }
}

void report_problems(const config::table_reader& r, const shape_problems& problems) {
    for (const auto& problem : problems) {
        const auto* node = node_at(r.table(), problem.key);
        r.ctx().error(node != nullptr ? *node : static_cast<const toml::node&>(r.table()),
                      r.path(problem.text()));
    }
}

}  // namespace faultline::ramps::detail
