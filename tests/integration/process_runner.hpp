#pragma once
// Runs a program to completion with a time limit, capturing its output; optionally sends it a
// signal once its output contains a given text.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace faultline::test {

struct process_result {
    int exit_code = -1;      ///< the exit status, or 128 + signal when killed by one
    bool timed_out = false;  ///< killed after the time limit
    std::string output;      ///< stdout and stderr together
};

struct signal_on_output {
    std::string text;  ///< send `signal` once the output contains this
    int signal = 0;
};

process_result run_process(const std::string& program, const std::vector<std::string>& args,
                           std::chrono::milliseconds limit,
                           const std::optional<signal_on_output>& trigger = std::nullopt);

}  // namespace faultline::test
