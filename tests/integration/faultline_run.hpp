#pragma once
// Running `faultline run` on a scenario text as a user would, and reading what it wrote.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <faultline/core/asio.hpp>
#include <faultline/test/support.hpp>

#include "process_runner.hpp"

namespace faultline::test::runs {

inline std::string write_file(const faultline::test::temp_dir& dir, const std::string& name,
                              const std::string& text) {
    auto path = dir.path() / name;
    std::ofstream(path) << text;
    return path.string();
}

inline nlohmann::json read_json(const std::filesystem::path& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

inline std::string faultline_bin() {
    return faultline::test::built_program("faultline");
}

inline bool port_accepts(std::uint16_t port) {
    faultline::asio::io_context ioc;
    faultline::tcp::socket s(ioc);
    faultline::error_code ec;
    s.connect({faultline::asio::ip::make_address("127.0.0.1"), port}, ec);
    return !ec;
}

// A finished `faultline run` and the summary.json it wrote.
struct finished_run {
    std::string output;
    nlohmann::json summary;
};

// Runs the scenario file `path` with `extra` arguments (such as --set), results under `dir`;
// the run must end within `limit` with exit code `expected_exit`.
inline finished_run run_file(const faultline::test::temp_dir& dir, const std::string& path,
                             std::chrono::seconds limit, std::vector<std::string> extra = {},
                             int expected_exit = 0) {
    auto results = dir.path() / "results";
    std::vector<std::string> args{"run", path, "--results", results.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = faultline::test::run_process(faultline_bin(), args, limit);
    INFO(r.output);
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == expected_exit);
    return {r.output, read_json(results / "summary.json")};
}

// As run_file, for a scenario given as text.
inline finished_run run_scenario(const faultline::test::temp_dir& dir, const std::string& text,
                                 std::chrono::seconds limit, std::vector<std::string> extra = {},
                                 int expected_exit = 0) {
    return run_file(dir, write_file(dir, "s.toml", text), limit, std::move(extra), expected_exit);
}

// Runs `text` as a scenario; the run must end within `limit` with exit code 0.
inline finished_run run_expecting_success(const faultline::test::temp_dir& dir,
                                          const std::string& text, std::chrono::seconds limit) {
    return run_scenario(dir, text, limit);
}

// The head of a scenario named `name`: faultline-sample on `port` with `flags` (each a quoted
// TOML string after a comma, such as `, "--workers", "4"`) and one workload "items" that GETs
// /items/{rand:1..100} and wants 200, with `workload_lines` added to it.
inline std::string sample_with_items(const std::string& name, std::uint16_t port,
                                     const std::string& flags,
                                     const std::string& workload_lines = "") {
    const auto p = std::to_string(port);
    return "name = \"" + name + "\"\n[[services]]\nname = \"sample\"\n" +
           "command = [\"faultline-sample\", \"--port\", \"" + p + "\"" + flags + "]\n" +
           "ready = { tcp = \"127.0.0.1:" + p + "\", timeout = \"5s\" }\n" +
           "[[workloads]]\nname = \"items\"\n" + workload_lines +
           "http = { url = \"http://127.0.0.1:" + p + "/items/{rand:1..100}\" }\n" +
           "check = { status = 200 }\n";
}

inline void check_accounting(const nlohmann::json& totals) {
    std::uint64_t errors = 0;
    for (const auto& [kind, n] : totals["errors"].items())
        errors += n.get<std::uint64_t>();
    CHECK(totals["sent"].get<std::uint64_t>() ==
          totals["ok"].get<std::uint64_t>() + errors + totals["cancelled"].get<std::uint64_t>());
}

}  // namespace faultline::test::runs
