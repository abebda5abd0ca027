#pragma once
/// Helpers for tests: loopback ports, bounded waits, temporary folders, seeded randomness.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include <faultline/core/asio.hpp>

namespace faultline::test {

/// A 127.0.0.1 TCP port that was free a moment ago (bound to port 0, then released).
std::uint16_t free_port();

/// Runs `ioc` until `done()` is true or `timeout` passes; returns done(). Never hangs.
bool run_until(asio::io_context& ioc, const std::function<bool()>& done,
               std::chrono::milliseconds timeout);

/// Polls `done()` every 10 ms until it is true or `timeout` passes; returns done().
bool wait_for(const std::function<bool()>& done, std::chrono::milliseconds timeout);

/// A fresh empty folder under the system temp folder, removed when the object goes away.
class temp_dir {
public:
    temp_dir();
    ~temp_dir();
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

/// The seed for randomised tests: FAULTLINE_TEST_SEED if set, else fixed. Printed on failure
/// through Catch2's INFO by the caller.
std::uint64_t test_seed();

/// The port of a "host:port" address such as a proxy's `listen` (0 when there is none).
std::uint16_t port_of(const std::string& host_port);

/// Absolute path of a built program (faultline, faultline-sample): beside the test executable,
/// or in FAULTLINE_BIN_DIR when that is set.
std::string built_program(const std::string& name);

}  // namespace faultline::test
