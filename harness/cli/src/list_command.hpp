#pragma once
// `faultline list [DIR]`: the scenarios of a folder, each with its name and description.
#include <cstddef>
#include <string>
#include <string_view>

namespace faultline::cli {

/// The description of a scenario file's text: its first comment block (the '#' lines at the
/// top, blank lines before it skipped), each line's "# " stripped, joined with spaces, cut to
/// its first sentence and to at most `width` characters (ending in "..." when cut). Empty when
/// the file does not start with a comment.
std::string scenario_description(std::string_view text, std::size_t width = 90);

/// Prints one line per *.toml file in `folder` (sorted; in its subfolders too when `recursive`):
/// the file, its scenario name and its description, or "invalid: " and the first diagnostic
/// when it does not load. Returns 0, or 2 (with a message) when the folder does not exist or
/// holds no scenario.
int list_command(const std::string& folder, bool recursive);

}  // namespace faultline::cli
