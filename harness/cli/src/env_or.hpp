#pragma once
// Defaults of command-line options read from the environment.
#include <cstdlib>
#include <string>

namespace faultline::cli {

/// The environment variable `name` when set and not empty, else `fallback`.
inline std::string env_or(const char* name, std::string fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

}  // namespace faultline::cli
