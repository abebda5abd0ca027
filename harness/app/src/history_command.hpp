#pragma once
// Run history in PostgreSQL from the command line: `faultline history SCENARIO --store CONNINFO`,
// the `--store` option of `run` and `compare`, the run's connection to the store and the
// baseline of `compare --baseline last-pass`.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace CLI {
class App;
}  // namespace CLI

namespace faultline::history {
class run_store;
}  // namespace faultline::history

namespace faultline::app {

/// Adds "--store CONNINFO" to `command`, stored in `conninfo`; a string that libpq cannot parse
/// or that names a host other than loopback or a socket folder is a usage error (exit 2).
void add_store_option(CLI::App& command, std::string& conninfo, const std::string& what);

/// The arguments of `faultline history`.
struct history_options {
    std::string scenario;    ///< the scenario's name, as in summary.json
    std::string store;       ///< --store: libpq conninfo
    std::size_t limit = 20;  ///< --limit: the newest N runs
};

/// Prints the trend of the scenario's stored runs, oldest first (history::render_trend).
/// Returns 0; 2 when the conninfo is refused; 3 when the store cannot be reached or used (the
/// reason on stderr). Never throws.
int history_command(const history_options& options);

/// The `history` subcommand registered on a CLI11 app; `selected()` after parsing tells whether
/// it was chosen, and `run()` runs it.
class history_subcommand {
public:
    explicit history_subcommand(CLI::App& cli);
    history_subcommand(const history_subcommand&) = delete;
    history_subcommand& operator=(const history_subcommand&) = delete;

    /// True when `history` was chosen on the command line.
    bool selected() const;
    /// Runs it; its exit code.
    int run() const;

private:
    history_options options_;
    CLI::App* command_ = nullptr;
};

/// The BASELINE of `faultline compare` that means "the last pass in the store".
inline constexpr std::string_view last_pass_baseline = "last-pass";

/// The baseline of `compare --baseline last-pass CURRENT --store CONNINFO`: the summary of the
/// newest stored run of `current`'s scenario whose verdict is pass and that started strictly
/// before `current`. Prints which run it took to stderr. Throws std::runtime_error with a
/// one-line reason: no --store, the store unreachable, or no such run.
nlohmann::json last_pass_summary(const std::string& store, const nlohmann::json& current);

/// A run's connection to the store: opened and migrated when the run starts, used once after
/// its results folder is written. A store that fails is a warning, never a failed run.
class run_recorder {
public:
    /// `conninfo` empty: records nothing. Otherwise connects and migrates; when that fails,
    /// prints "warning: could not store the run: WHY" to stderr and records nothing.
    explicit run_recorder(const std::string& conninfo);
    run_recorder(const run_recorder&) = delete;
    run_recorder& operator=(const run_recorder&) = delete;
    ~run_recorder();

    /// Stores FOLDER/summary.json and prints "stored run ID in HOST:PORT/DB", or prints the
    /// warning when it fails. Never throws.
    void store(const std::filesystem::path& folder) noexcept;

private:
    std::unique_ptr<history::run_store> store_;
};

}  // namespace faultline::app
