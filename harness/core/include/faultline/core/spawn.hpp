#pragma once
/// The project's only way to start a detached coroutine: asio::detached swallows exceptions, this
/// logs them with the coroutine's name and counts them so a run's self-check can fail.
#include <cstdint>
#include <exception>
#include <string_view>

#include <faultline/core/asio.hpp>

namespace faultline::core {

/// Logs an exception that escaped a coroutine named `name` and increments the failure count.
void report_coroutine_failure(std::string_view name, std::exception_ptr error) noexcept;

/// How many spawned coroutines have ended with an exception since the program started.
std::uint64_t coroutine_failures() noexcept;

/// Starts `coro` on `executor`. An exception that escapes it is logged and counted, never lost.
/// `name` must outlive the coroutine (a string literal).
template <class Executor, class Awaitable>
void spawn(const Executor& executor, Awaitable&& coro, const char* name) {
    asio::co_spawn(executor, std::forward<Awaitable>(coro), [name](std::exception_ptr error) {
        if (error)
            report_coroutine_failure(name, error);
    });
}

}  // namespace faultline::core
