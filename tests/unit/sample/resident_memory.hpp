#pragma once
// The resident set size of a process, as Linux reports it in /proc/<pid>/status (VmRSS).
#include <cstdint>
#include <optional>
#include <string>

namespace faultline::sample::testing {

// VmRSS in bytes from a /proc/.../status file; nothing when it cannot be read.
std::optional<std::uint64_t> resident_bytes(const std::string& status_file);

// VmRSS in bytes of this process.
inline std::optional<std::uint64_t> own_resident_bytes() {
    return resident_bytes("/proc/self/status");
}

// VmRSS in bytes of process `pid`.
inline std::optional<std::uint64_t> resident_bytes_of(int pid) {
    return resident_bytes("/proc/" + std::to_string(pid) + "/status");
}

}  // namespace faultline::sample::testing
