#include <sstream>
#include <stdexcept>

#include <pqxx/except>
#include <pqxx/result>
#include <pqxx/transaction>

#include <faultline/history/conninfo.hpp>
#include <faultline/history/run_store.hpp>

#include "store_connection.hpp"

namespace faultline::history {
namespace {

// Longest any one statement may run; the store never holds up a run's end for longer.
constexpr int statement_timeout_ms = 10'000;

// The run's row, from summary.json as the contract has it (docs/ARCHITECTURE.md, "Results
// contract"); the capacity is the refined one when the ramp was refined, as `faultline compare`
// reads it.
constexpr const char* insert_run = R"sql(
INSERT INTO faultline_runs (scenario, started_at, duration_s, version, model, host, verdict,
                            reasons, capacity_rps, summary)
SELECT s->>'scenario', (s->>'started_at')::timestamptz, (s->>'duration_s')::double precision,
       s->>'version', s->>'model', $2, s->>'verdict',
       ARRAY(SELECT jsonb_path_query(s, '$.reasons[*] ? (@.type() == "string")') #>> '{}'),
       (CASE WHEN jsonb_typeof(s #> '{breaking_point,refined}') = 'object'
             THEN s #>> '{breaking_point,refined,capacity,throughput_rps}'
             ELSE s #>> '{breaking_point,capacity,throughput_rps}' END)::double precision,
       s
FROM (SELECT $1::jsonb AS s) AS input
RETURNING id
)sql";

constexpr const char* insert_steps = R"sql(
INSERT INTO faultline_steps (run_id, index, phase, level, throughput_rps, error_rate, p50_ms,
                             p99_ms, passed)
SELECT r.id, s.index, s.phase, s.level, s.throughput_rps, s.error_rate, s.p50_ms, s.p99_ms,
       s.passed
FROM faultline_runs AS r
CROSS JOIN LATERAL jsonb_path_query(r.summary, '$.steps[*] ? (@.type() == "object")') AS step
CROSS JOIN LATERAL jsonb_to_record(step) AS s(index integer, phase text,
    level double precision, throughput_rps double precision, error_rate double precision,
    p50_ms double precision, p99_ms double precision, passed boolean)
WHERE r.id = $1
)sql";

constexpr const char* insert_recoveries = R"sql(
INSERT INTO faultline_recoveries (run_id, fault, workload, time_to_impact_s, time_to_detect_s,
                                  time_to_recover_s, recovered, outage_s, lost)
SELECT r.id, f ->> 'name', w.key, x.time_to_impact_s, x.time_to_detect_s, x.time_to_recover_s,
       x.recovered, x.outage_s, x.lost
FROM faultline_runs AS r
CROSS JOIN LATERAL jsonb_path_query(r.summary, '$.faults[*] ? (@.type() == "object")') AS f
CROSS JOIN LATERAL jsonb_each(jsonb_path_query_first(f, '$.workloads ? (@.type() == "object")'))
    AS w
CROSS JOIN LATERAL jsonb_to_record(w.value) AS x(time_to_impact_s double precision,
    time_to_detect_s double precision, time_to_recover_s double precision, recovered boolean,
    outage_s double precision, lost bigint)
WHERE r.id = $1
)sql";

std::string where_of(pqxx::connection& db) {
    const std::string host = db.hostname() != nullptr ? db.hostname() : "";
    const std::string port = db.port() != nullptr ? db.port() : "";
    const bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + port + "/" + db.dbname();
}

std::int64_t insert(pqxx::connection& db, const std::string& summary, const std::string& host) {
    pqxx::work tx(db, "faultline_store");
    const auto id = tx.exec_params1(insert_run, summary, host)[0].as<std::int64_t>();
    tx.exec_params0(insert_steps, id);
    tx.exec_params0(insert_recoveries, id);
    tx.commit();
    return id;
}

}  // namespace

std::string one_line(const std::string& message) {
    std::istringstream lines(message);
    std::string line;
    std::string out;
    while (std::getline(lines, line)) {
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos)
            continue;
        const auto last = line.find_last_not_of(" \t\r");
        out += (out.empty() ? "" : "; ") + line.substr(first, last - first + 1);
    }
    return out;
}

run_store::connection::connection(const std::string& checked) : conninfo(checked), db(checked) {
    db.set_variable("statement_timeout", std::to_string(statement_timeout_ms));
    db.set_variable("client_min_messages", "warning");
    where = where_of(db);
}

run_store run_store::open_migrated(const std::string& conninfo) {
    auto store = open(conninfo);
    if (!store)
        throw std::runtime_error(store.error());
    store->migrate();
    return std::move(*store);
}

expected<run_store, std::string> run_store::open(const std::string& conninfo) {
    auto checked = checked_conninfo(conninfo);
    if (!checked)
        return make_unexpected(checked.error());
    try {
        return run_store(std::make_unique<connection>(*checked));
    } catch (const std::exception& e) {
        return make_unexpected("cannot connect: " + one_line(e.what()));
    }
}

run_store::run_store(std::unique_ptr<connection> c) : connection_(std::move(c)) {}
run_store::run_store(run_store&&) noexcept = default;
run_store& run_store::operator=(run_store&&) noexcept = default;
run_store::~run_store() = default;

const std::string& run_store::where() const {
    return connection_->where;
}

int run_store::migrate() {
    return one_line_errors([&] { return migrate_schema(connection_->db, connection_->where); });
}

std::int64_t run_store::store(const nlohmann::json& summary, const std::string& host) {
    const auto text = summary.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return one_line_errors([&] {
        try {
            return insert(connection_->db, text, host);
        } catch (const pqxx::broken_connection&) {
            // Nothing was committed (a broken commit throws in_doubt_error): a new session.
            connection_ = std::make_unique<connection>(connection_->conninfo);
            return insert(connection_->db, text, host);
        }
    });
}

std::optional<nlohmann::json> run_store::last_pass(const std::string& scenario,
                                                   const std::string& before) {
    return one_line_errors([&]() -> std::optional<nlohmann::json> {
        pqxx::read_transaction tx(connection_->db, "faultline_last_pass");
        const auto rows = tx.exec_params(
            "SELECT summary::text FROM faultline_runs WHERE scenario = $1 AND verdict = 'pass' "
            "AND started_at < $2::timestamptz ORDER BY started_at DESC, id DESC LIMIT 1",
            scenario, before);
        if (rows.empty())
            return std::nullopt;
        return nlohmann::json::parse(rows[0][0].as<std::string>());
    });
}

}  // namespace faultline::history
