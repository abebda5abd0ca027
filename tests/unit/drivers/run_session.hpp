#pragma once
// Running one request of a driver session to completion on a test's io_context.
#include <optional>
#include <utility>

#include <catch2/catch.hpp>

#include <faultline/core/spawn.hpp>
#include <faultline/drivers/driver.hpp>
#include <faultline/test/support.hpp>

namespace faultline::drivers::test {

/// Runs one execute() to completion (at most 5 s) and returns its outcome and how long it took.
inline std::pair<stats::outcome, nanoseconds> execute_timed(session& s, asio::io_context& ioc) {
    std::optional<stats::outcome> result;
    const auto start = clock::now();
    core::spawn(
        ioc.get_executor(), [&]() -> asio::awaitable<void> { result = co_await s.execute(); },
        "test execute");
    REQUIRE(faultline::test::run_until(
        ioc, [&] { return result.has_value(); }, std::chrono::milliseconds(5000)));
    return {*result, clock::now() - start};
}

}  // namespace faultline::drivers::test
