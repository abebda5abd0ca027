#pragma once
// Typed, position-aware access to one TOML table. Every accessor reports what it expected and
// what it found at the value's position, and returns nullopt so that reading goes on and every
// problem of a file is collected.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include <faultline/config/context.hpp>
#include <faultline/core/clock.hpp>
#include <faultline/core/endpoint.hpp>

namespace faultline::config {

/// Converters for a single node; `path` is the dotted key path used in messages
/// ("workloads.0.weight"). Each reports a diagnostic and returns nullopt on a mismatch.
std::optional<std::string> to_string(context& ctx, const toml::node& node, const std::string& path);
std::optional<nanoseconds> to_duration(context& ctx, const toml::node& node,
                                       const std::string& path);
std::optional<double> to_percent(context& ctx, const toml::node& node, const std::string& path);
std::optional<double> to_number(context& ctx, const toml::node& node, const std::string& path);
std::optional<std::int64_t> to_integer(context& ctx, const toml::node& node,
                                       const std::string& path, std::int64_t min, std::int64_t max);

/// One table being read. The constructor reports every key not in `allowed` (with the closest
/// allowed key as a suggestion); keys in `planned` get a "not supported yet" message instead.
class table_reader {
public:
    table_reader(context& ctx, const toml::table& table, std::string path, std::string title,
                 std::initializer_list<std::string_view> allowed,
                 std::initializer_list<std::string_view> planned = {});
    /// As above, and also accepts every key for which `pattern` is true (keys such as "p99.9").
    table_reader(context& ctx, const toml::table& table, std::string path, std::string title,
                 std::initializer_list<std::string_view> allowed,
                 const std::function<bool(std::string_view)>& pattern);
    /// With a list of allowed keys built at run time (a shape's keys).
    table_reader(context& ctx, const toml::table& table, std::string path, std::string title,
                 const std::vector<std::string_view>& allowed);

    context& ctx() const { return *ctx_; }
    const toml::table& table() const { return *table_; }
    const std::string& title() const { return title_; }

    /// "workloads.0" + "weight" -> "workloads.0.weight".
    std::string path(std::string_view key) const;

    /// The node at `key`, or nullptr when absent.
    const toml::node* node(std::string_view key) const;

    /// Reports "missing required key 'KEY' in TITLE" at the table's position.
    void missing(std::string_view key, std::string_view hint = {}) const;

    std::optional<std::string> string(std::string_view key, bool required = false) const;
    std::optional<nanoseconds> duration(std::string_view key) const;
    /// A duration that must be > 0.
    std::optional<nanoseconds> positive_duration(std::string_view key) const;
    std::optional<double> percent(std::string_view key) const;
    std::optional<std::int64_t> integer(std::string_view key, std::int64_t min,
                                        std::int64_t max) const;
    /// An integer or float (finite).
    std::optional<double> number(std::string_view key) const;
    /// A table (inline or not); nullptr when absent or of another type (reported).
    const toml::table* subtable(std::string_view key) const;
    /// An array of strings; nullopt when absent or malformed (reported).
    std::optional<std::vector<std::string>> string_array(std::string_view key) const;

private:
    table_reader(context& ctx, const toml::table& table, std::string path, std::string title,
                 std::span<const std::string_view> allowed,
                 std::span<const std::string_view> planned,
                 const std::function<bool(std::string_view)>& pattern);

    context* ctx_;
    const toml::table* table_;
    std::string path_;
    std::string title_;
};

/// A required "HOST:PORT" at `key` that must be a loopback address (with a port when
/// `port_required`); nullopt after reporting.
std::optional<core::host_port> read_address(const table_reader& r, std::string_view key,
                                            bool port_required);

/// A required "HOST:PORT" at `key` that traffic goes to: any host (an address or a name), a
/// port from 1. The host is noted as a target (context::note_target) for the allow-list.
std::optional<core::host_port> read_target_address(const table_reader& r, std::string_view key);

/// A required "ADDRESS:PORT" at `key` to listen on: a literal address of this machine
/// ("0.0.0.0" and "[::]" for every interface) or localhost, with a port from 1.
std::optional<core::host_port> read_listen_address(const table_reader& r, std::string_view key);

/// Reports "PATH: expected EXPECTED, got DESCRIPTION" at `node`.
void type_error(context& ctx, const toml::node& node, const std::string& path,
                std::string_view expected);

/// The closest of `candidates` to `word` (small edit distance), or empty when none is close.
std::string_view closest_match(std::string_view word, std::span<const std::string_view> candidates);

/// Calls `read(table, path)` for each table of the array at `node` ("workloads" -> path
/// "workloads.0"), reporting a node that is not an array of tables.
template <class Read>
void for_each_table(context& ctx, const toml::node& node, const std::string& key, Read&& read) {
    const auto* array = node.as_array();
    if (array == nullptr) {
        type_error(ctx, node, key, "an array of tables ([[" + key + "]])");
        return;
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string path = key + "." + std::to_string(i);
        if (const auto* table = array->get(i)->as_table()) {
            read(*table, path);
        } else {
            type_error(ctx, *array->get(i), path, "a table");
        }
    }
}

}  // namespace faultline::config
