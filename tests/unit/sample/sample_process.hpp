#pragma once
// The built faultline-sample executable as a child process, for the [process] tests (they need
// FAULTLINE_BIN_DIR or the executable beside the test).
#include <utility>
//
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/process.hpp>

#include <faultline/core/asio.hpp>

namespace faultline::sample::testing {

// Collects everything a child writes to one pipe.
struct pipe_reader {
    explicit pipe_reader(asio::io_context& ioc) : pipe(ioc) {}
    void start();

    boost::process::async_pipe pipe;
    std::array<char, 1024> chunk{};
    std::string text;
    bool closed = false;
};

// A faultline-sample child with its stdout and stderr on pipes and its exit observed on one
// io_context (never wait() as well: boostorg/process#187). Killed if the test leaves early.
class sample_process {
public:
    explicit sample_process(const std::vector<std::string>& args);
    sample_process(const sample_process&) = delete;
    sample_process& operator=(const sample_process&) = delete;
    ~sample_process();

    // The first line of stdout, or nothing if none came within `timeout`.
    std::optional<std::string> first_line(std::chrono::milliseconds timeout);

    // The port from the "listening on 127.0.0.1:PORT" line, or nothing within `timeout`.
    std::optional<std::uint16_t> listening_port(std::chrono::milliseconds timeout);

    // The exit code once the process has exited and closed its pipes within `timeout`.
    std::optional<int> exit_code(std::chrono::milliseconds timeout);

    void signal(int number);
    int pid() { return child_.id(); }
    const std::string& err_text() const { return err_.text; }

private:
    asio::io_context ioc_;
    pipe_reader out_;
    pipe_reader err_;
    std::optional<int> exit_code_;
    boost::process::child child_;
};

}  // namespace faultline::sample::testing
