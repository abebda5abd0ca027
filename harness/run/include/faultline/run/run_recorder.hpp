#pragma once
// `run --store CONNINFO`: the run's connection to the run history in PostgreSQL.
#include <filesystem>
#include <memory>
#include <string>

namespace faultline::history {
class run_store;
}  // namespace faultline::history

namespace faultline::run {

/// Opened and migrated when the run starts, used once after its results folder is written. A
/// store that fails is a warning, never a failed run.
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

}  // namespace faultline::run
