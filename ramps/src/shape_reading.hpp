#pragma once
// Reading a shape's keys under [ramp] with the config toolkit, shared by the shape files: levels
// (virtual users or arrival rates, by the load model), durations, required keys, and the
// shape's own problems reported at the keys they name.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <faultline/config/table_reader.hpp>
#include <faultline/core/load_model.hpp>
#include <faultline/ramps/load_plan.hpp>
#include <faultline/ramps/shape_config.hpp>

namespace faultline::ramps::detail {

/// A level: virtual users in the closed model (an integer), arrivals per second in the open
/// model ("500/s" or a number). `model` is nullopt when the model itself is invalid: then
/// anything plausible passes. Zero is refused unless `allow_zero`.
std::optional<double> to_level(config::context& ctx, const toml::node& node,
                               const std::string& path, std::optional<core::load_model> model,
                               bool allow_zero = false);

/// to_level for `key` of the reader's table; nullopt when absent.
std::optional<double> read_level(const config::table_reader& r, std::string_view key,
                                 std::optional<core::load_model> model, bool allow_zero = false);

/// Sets `out` from the duration at `key` when it is present and valid.
void read_duration(const config::table_reader& r, std::string_view key, nanoseconds& out);

/// Reports each of `keys` that is absent, with `hint`.
void require_keys(const config::table_reader& r, std::initializer_list<std::string_view> keys,
                  std::string_view hint);

/// Reports each of the shape's own `problems` at the key it names ("stages.2.duration"), or at
/// the table when that key is absent.
void report_problems(const config::table_reader& r, const shape_problems& problems);

/// A descriptor's `read`: the shape's keys with `Read`, then, when they read cleanly, the shape's
/// own rules (its validate), each problem at its key (repeating what is already reported would
/// only add noise).
template <class Config,
          Config (*Read)(const config::table_reader&, std::optional<core::load_model>)>
shape_config read_validated(const config::table_reader& r, std::optional<core::load_model> model) {
    const auto errors_before = r.ctx().error_count();
    Config config = Read(r, model);
    if (r.ctx().error_count() == errors_before)
        report_problems(r, validate(config));
    return config;
}

}  // namespace faultline::ramps::detail
