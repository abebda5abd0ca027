// The run store's schema: a list of migration steps, applied in order, and a one-row table
// `faultline_schema` holding how many of them the store has.
#include <array>
#include <stdexcept>
#include <string_view>

#include <pqxx/result>
#include <pqxx/transaction>

#include "store_connection.hpp"

namespace faultline::history {
namespace {

// Step i takes the schema from version i to i + 1. A shipped step is never edited: a change of
// the tables is a new step at the end.
constexpr std::array<std::string_view, 1> migrations{
    R"sql(
CREATE TABLE faultline_runs (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scenario      text NOT NULL,
    started_at    timestamptz NOT NULL,
    duration_s    double precision,
    version       text,
    model         text,
    host          text NOT NULL,
    verdict       text NOT NULL,
    reasons       text[] NOT NULL,
    capacity_rps  double precision,
    summary       jsonb NOT NULL,
    stored_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX faultline_runs_by_scenario ON faultline_runs (scenario, started_at);
CREATE TABLE faultline_steps (
    run_id          bigint NOT NULL REFERENCES faultline_runs (id) ON DELETE CASCADE,
    index           integer,
    phase           text,
    level           double precision,
    throughput_rps  double precision,
    error_rate      double precision,
    p50_ms          double precision,
    p99_ms          double precision,
    passed          boolean
);
CREATE INDEX faultline_steps_by_run ON faultline_steps (run_id);
CREATE TABLE faultline_recoveries (
    run_id             bigint NOT NULL REFERENCES faultline_runs (id) ON DELETE CASCADE,
    fault              text NOT NULL,
    workload           text NOT NULL,
    time_to_impact_s   double precision,
    time_to_detect_s   double precision,
    time_to_recover_s  double precision,
    recovered          boolean,
    outage_s           double precision,
    lost               bigint
);
CREATE INDEX faultline_recoveries_by_run ON faultline_recoveries (run_id);
)sql",
};

// Taken by every migrating program for the length of its transaction (an arbitrary constant:
// "faultlin" in ASCII).
constexpr std::string_view migration_lock = "7377385069358213486";

}  // namespace

int known_schema_version() {
    return static_cast<int>(migrations.size());
}

int migrate_schema(pqxx::connection& db, const std::string& where) {
    pqxx::work tx(db, "faultline_migrate");
    tx.exec("SELECT pg_advisory_xact_lock(" + std::string(migration_lock) + ")");
    // Created only when missing: CREATE TABLE IF NOT EXISTS would print a notice every time.
    if (tx.exec1("SELECT to_regclass('faultline_schema') IS NULL")[0].as<bool>()) {
        tx.exec(
            "CREATE TABLE faultline_schema (single boolean PRIMARY KEY DEFAULT true "
            "CHECK (single), version integer NOT NULL)");
        tx.exec("INSERT INTO faultline_schema (version) VALUES (0)");
    }
    const int found = tx.exec1("SELECT version FROM faultline_schema")[0].as<int>();
    const int known = known_schema_version();
    if (found > known) {
        throw std::runtime_error("the run store at " + where + " has schema version " +
                                 std::to_string(found) + ", newer than this faultline knows (" +
                                 std::to_string(known) +
                                 "): upgrade faultline, or use another database");
    }
    if (found == known)
        return known;  // nothing written: the transaction ends without a commit
    for (auto step = static_cast<std::size_t>(found); step < migrations.size(); ++step)
        tx.exec(std::string(migrations[step]));
    tx.exec_params0("UPDATE faultline_schema SET version = $1", known);
    tx.commit();
    return known;
}

}  // namespace faultline::history
