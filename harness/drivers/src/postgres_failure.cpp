#include "postgres_failure.hpp"

#include <cstring>
#include <mutex>
#include <set>
#include <string>

#include <spdlog/spdlog.h>

namespace faultline::drivers {
namespace {

bool mentions(const char* message, const char* what) {
    return message != nullptr && std::strstr(message, what) != nullptr;
}

}  // namespace

std::optional<stats::outcome> classify_connect_failure(const char* message) noexcept {
    if (mentions(message, "FATAL"))
        return stats::outcome::check_failed;
    if (mentions(message, "certificate verify failed") ||
        mentions(message, "does not match host name") ||
        mentions(message, "server certificate for"))
        return stats::outcome::tls_verify;
    if (mentions(message, "reset by peer") || mentions(message, "refused"))
        return std::nullopt;
    if (mentions(message, "SSL") || mentions(message, "root certificate file"))
        return stats::outcome::tls_handshake;
    return std::nullopt;
}

void log_tls_failure_once(const char* message) {
    static std::mutex mutex;
    static std::set<std::string> said;
    std::string line = message == nullptr ? std::string("(no message)") : std::string(message);
    while (!line.empty() && (line.back() == '\n' || line.back() == ' '))
        line.pop_back();
    {
        std::lock_guard lock(mutex);
        if (!said.insert(line).second)
            return;
    }
    spdlog::warn("PostgreSQL TLS failed: {}", line);
}

}  // namespace faultline::drivers
