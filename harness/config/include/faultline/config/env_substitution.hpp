#pragma once
// ${NAME} references in scenario text, replaced by environment values at load time.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <faultline/core/expected.hpp>

namespace faultline::config {

/// A reference that could not be replaced; `offset` is the byte offset of its "${" in the text.
struct substitution_error {
    std::size_t offset = 0;
    std::string message;
};

/// Replaces every ${NAME} (NAME = [A-Za-z_][A-Za-z0-9_]*) by lookup(NAME); "$${" is a literal
/// "${"; any other '$' is literal. Returns every unset or malformed reference.
expected<std::string, std::vector<substitution_error>> substitute_env(
    std::string_view text,
    const std::function<std::optional<std::string>(const std::string&)>& lookup);

}  // namespace faultline::config
