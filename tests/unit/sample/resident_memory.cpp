#include "resident_memory.hpp"

#include <fstream>
#include <sstream>

namespace faultline::sample::testing {

std::optional<std::uint64_t> resident_bytes(const std::string& status_file) {
    std::ifstream in(status_file);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.starts_with("VmRSS:"))
            continue;
        std::istringstream fields(line.substr(6));
        std::uint64_t kib = 0;
        std::string unit;
        if (fields >> kib >> unit && unit == "kB")
            return kib * 1024;
        return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace faultline::sample::testing
