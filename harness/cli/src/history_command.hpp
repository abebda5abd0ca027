#pragma once
// Run history in PostgreSQL from the command line: `faultline history SCENARIO --store CONNINFO`,
// the `--store` option of `run` and `compare`, and the baseline of `compare --baseline last-pass`.
#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace CLI {
class App;
}  // namespace CLI

namespace faultline::cli {

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

}  // namespace faultline::cli
