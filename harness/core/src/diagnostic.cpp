#include <faultline/core/diagnostic.hpp>

namespace faultline::core {

std::string diagnostic::to_string() const {
    if (line <= 0)
        return file + ": " + message;
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

std::string to_string(const diagnostics& all) {
    std::string text;
    for (const auto& d : all) {
        text += d.to_string();
        text += '\n';
    }
    return text;
}

}  // namespace faultline::core
