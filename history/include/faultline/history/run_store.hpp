#pragma once
/// Run history in PostgreSQL: each run's summary.json with its steps and fault recoveries, in
/// tables named `faultline_*` that the store creates and migrates itself. Blocking (libpqxx 6.4
/// has no asynchronous API): use it before or after a run's load, never on the data plane. Every
/// statement runs under a statement_timeout; failures are thrown as std::runtime_error (libpqxx's
/// exceptions derive from it) with one-line messages.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <faultline/core/expected.hpp>

namespace faultline::history {

/// The schema version this program creates and reads.
int known_schema_version();

/// A fault's recovery in one stored run: its `overall` over the workloads (summary.json).
struct fault_recovery {
    std::string fault;
    std::optional<double> time_to_recover_s;  ///< nullopt: not measured
    bool recovered = false;
};

/// One stored run, as the trend shows it.
struct stored_run {
    std::int64_t id = 0;
    std::string started_at;              ///< ISO 8601 in UTC: "2026-12-07T00:00:00Z"
    std::string verdict;                 ///< "pass", "fail" or "invalid"
    std::optional<double> capacity_rps;  ///< the breaking point's (refined) capacity, or none
    std::vector<fault_recovery> faults;  ///< in the order of the run's faults
};

/// A connection to the run store. Movable, not copyable; not thread-safe.
class run_store {
public:
    /// Checks `conninfo` (checked_conninfo: loopback only, connect_timeout added), connects and
    /// sets the session's statement_timeout. Does not touch the schema: call migrate(). The
    /// error is one line: the refused conninfo, or why the connection failed.
    static expected<run_store, std::string> open(const std::string& conninfo);

    /// open() then migrate(), for a program about to use the store: throws std::runtime_error
    /// with the one-line reason when either fails.
    static run_store open_migrated(const std::string& conninfo);

    run_store(run_store&&) noexcept;
    run_store& operator=(run_store&&) noexcept;
    ~run_store();

    /// Brings the schema to known_schema_version(): the missing migration steps in order, in
    /// one transaction, serialised against other migrating programs by an advisory lock. A
    /// no-op when it is current. Throws when the store's schema is newer than this program
    /// knows (the message says so and names both versions), or on a database error. Returns
    /// the version.
    int migrate();

    /// Stores a run: one row for the run (scenario, started_at, duration_s, version, model,
    /// `host`, verdict, reasons, capacity, the whole summary as jsonb), one per step and one
    /// per fault and workload recovery, in one transaction. Retries once on a new connection
    /// when the old one broke (the server restarted, an idle session was closed). Returns the
    /// run's id.
    std::int64_t store(const nlohmann::json& summary, const std::string& host);

    /// The summary of the newest run of `scenario` whose verdict is "pass" and that started
    /// strictly before `before` (ISO 8601, as summary.json's started_at); nullopt when none.
    std::optional<nlohmann::json> last_pass(const std::string& scenario, const std::string& before);

    /// The newest `limit` runs of `scenario`, oldest first.
    std::vector<stored_run> trend(const std::string& scenario, std::size_t limit);

    /// Where the store is, for messages: "host:port/dbname" (host may be a socket folder).
    const std::string& where() const;

private:
    struct connection;
    explicit run_store(std::unique_ptr<connection> c);
    std::unique_ptr<connection> connection_;
};

}  // namespace faultline::history
