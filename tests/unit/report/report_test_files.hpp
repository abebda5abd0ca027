#pragma once
// Files the report tests share: the approved outputs in tests/golden/, and whole files read back.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace faultline::report_test {

/// tests/golden/ of the source tree (FAULTLINE_SOURCE_DIR is set on report_test).
inline const std::filesystem::path golden_dir =
    std::filesystem::path(FAULTLINE_SOURCE_DIR) / "tests/golden";

/// The bytes of `file`; empty when it cannot be read.
inline std::string read_all(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace faultline::report_test
