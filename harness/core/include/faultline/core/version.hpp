#pragma once
// The program's version, as `--version`, summary.json and the proxy's /version report it.

namespace faultline::core {

/// Semantic version of this build.
inline constexpr const char* version = "0.1.0";

}  // namespace faultline::core
