#pragma once
// String values that are templates and may reference the environment.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include <faultline/config/context.hpp>

namespace faultline::config {

/// Replaces ${NAME} in `text` (the string value of `node`), reporting each unset or malformed
/// reference at its position. nullopt when any failed.
std::optional<std::string> substitute_env_in(context& ctx, const toml::node& node,
                                             std::string_view text, const std::string& path);

/// Checks that `full_text.substr(offset)` compiles as a request template; `full_text` is the
/// whole string value of `node` (after ${ENV} substitution). Returns the {var:NAME} names used,
/// or nullopt after reporting the failure at its position.
std::optional<std::vector<std::string>> check_template(context& ctx, const toml::node& node,
                                                       std::string_view full_text,
                                                       std::size_t offset, const std::string& path);

/// A string value at `node` that is a template, ${ENV} substituted and compiled; `variables`
/// gets the {var:NAME} names it uses. nullopt after reporting.
std::optional<std::string> read_template_value(context& ctx, const toml::node& node,
                                               const std::string& path,
                                               std::vector<std::string>& variables);

/// A string value at `node` that is a template without {var:NAME} (the drivers with no setup
/// request: `driver` names it in the message), ${ENV} substituted; nullopt after reporting.
std::optional<std::string> read_template_without_vars(context& ctx, const toml::node& node,
                                                      const std::string& path,
                                                      std::string_view driver);

}  // namespace faultline::config
