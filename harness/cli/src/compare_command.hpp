#pragma once
// `faultline compare BASELINE CURRENT [--threshold 10%] [--markdown]`: two results folders side by
// side, and an exit code that gates CI on regressions.
#include <string>

namespace CLI {
class App;
}  // namespace CLI

namespace faultline::cli {

/// The arguments of `faultline compare`.
struct compare_options {
    std::string baseline;           ///< results folder of the reference run, or "last-pass"
    std::string current;            ///< results folder of the run judged
    std::string threshold = "10%";  ///< --threshold: a percentage, 0% to 100%
    bool markdown = false;          ///< --markdown: a GitHub-flavoured table instead of text
    std::string store;  ///< --store: the run store, for the baseline "last-pass" (history)
};

/// Prints the comparison to stdout. Returns 0 when nothing regressed beyond the threshold, 1
/// when something did, 2 for a bad threshold or a folder without a readable summary.json (the
/// file and the reason printed to stderr). Never throws. A baseline "last-pass" is the newest
/// run of the current run's scenario in the store that passed and started before it (2 when
/// there is none, or the store cannot be read).
int compare_command(const compare_options& options);

/// The `compare` subcommand registered on a CLI11 app; `selected()` after parsing tells whether
/// it was chosen, and `run()` runs it.
class compare_subcommand {
public:
    explicit compare_subcommand(CLI::App& cli);
    compare_subcommand(const compare_subcommand&) = delete;
    compare_subcommand& operator=(const compare_subcommand&) = delete;

    /// True when `compare` was chosen on the command line.
    bool selected() const;
    /// Runs it; its exit code.
    int run() const;

private:
    compare_options options_;
    std::string baseline_option_;  ///< --baseline B: then the one positional folder is CURRENT
    CLI::App* command_ = nullptr;
};

}  // namespace faultline::cli
