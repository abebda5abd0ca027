#pragma once
/// A problem in user input, located: "scenario.toml:12:5: expected a duration, got '5'".
#include <string>
#include <vector>

namespace faultline::core {

/// One problem found in a file the user wrote. line and column are 1-based; 0 means unknown.
struct diagnostic {
    std::string file;
    int line = 0;
    int column = 0;
    std::string message;

    /// "file:line:column: message" (or "file: message" when the position is unknown).
    std::string to_string() const;
};

/// All problems found at once: loaders never stop at the first.
using diagnostics = std::vector<diagnostic>;

/// One line per diagnostic, in order.
std::string to_string(const diagnostics& all);

}  // namespace faultline::core
