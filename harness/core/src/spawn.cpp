#include <atomic>

#include <spdlog/spdlog.h>

#include <faultline/core/spawn.hpp>

namespace faultline::core {
namespace {
std::atomic<std::uint64_t> failures{0};
}

void report_coroutine_failure(std::string_view name, std::exception_ptr error) noexcept {
    failures.fetch_add(1, std::memory_order_relaxed);
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        spdlog::error("coroutine '{}' failed: {}", name, e.what());
    } catch (...) {
        spdlog::error("coroutine '{}' failed with a non-standard exception", name);
    }
}

std::uint64_t coroutine_failures() noexcept {
    return failures.load(std::memory_order_relaxed);
}

}  // namespace faultline::core
