// The run store against a real PostgreSQL: one server for the executable, a fresh database for
// each test case.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include <faultline/history/run_store.hpp>
#include <faultline/test/data_servers.hpp>

using faultline::history::run_store;

namespace {

faultline::test::postgres_server& server() {
    static faultline::test::postgres_server pg;
    return pg;
}

// A new empty database on the shared server; its conninfo.
std::string fresh_database() {
    static int made = 0;
    const auto name = "history_" + std::to_string(++made);
    pqxx::connection admin(server().conninfo());
    pqxx::nontransaction(admin).exec0("CREATE DATABASE " + name);
    return "host=127.0.0.1 port=" + std::to_string(server().port()) +
           " user=postgres dbname=" + name;
}

run_store opened(const std::string& conninfo) {
    auto store = run_store::open(conninfo);
    INFO((store ? "" : store.error()));
    REQUIRE(store);
    return std::move(*store);
}

nlohmann::json golden() {
    std::ifstream in(std::filesystem::path(FAULTLINE_SOURCE_DIR) / "tests/golden/summary.json");
    return nlohmann::json::parse(in);
}

// The golden summary started at `day` 2026-12-DD, with `verdict` and a capacity of `rps`.
nlohmann::json summary(int day, const std::string& verdict, double rps) {
    auto s = golden();
    s["started_at"] = "2026-12-0" + std::to_string(day) + "T10:00:00Z";
    s["verdict"] = verdict;
    s["breaking_point"]["capacity"]["throughput_rps"] = rps;
    return s;
}

template <class T>
T query_value(const std::string& conninfo, const std::string& sql) {
    pqxx::connection c(conninfo);
    return pqxx::nontransaction(c).exec1(sql)[0].as<T>();
}

}  // namespace

TEST_CASE("migrating twice: the second time is a no-op", "[postgres]") {
    const auto db = fresh_database();
    auto store = opened(db);
    CHECK(store.where() ==
          "127.0.0.1:" + std::to_string(server().port()) + "/" + db.substr(db.rfind('=') + 1));
    CHECK(store.migrate() == faultline::history::known_schema_version());
    const auto tables = "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'faultline\\_%'";
    CHECK(query_value<int>(db, tables) == 4);
    const auto written = query_value<std::string>(db, "SELECT xmin::text FROM faultline_schema");
    CHECK(store.migrate() == faultline::history::known_schema_version());
    CHECK(opened(db).migrate() == faultline::history::known_schema_version());
    CHECK(query_value<std::string>(db, "SELECT xmin::text FROM faultline_schema") == written);
    CHECK(query_value<int>(db, tables) == 4);
    CHECK(query_value<int>(db, "SELECT version FROM faultline_schema") ==
          faultline::history::known_schema_version());
}

TEST_CASE("a store whose schema is newer than the program knows is refused", "[postgres]") {
    const auto db = fresh_database();
    opened(db).migrate();
    const auto newer = faultline::history::known_schema_version() + 1;
    {
        pqxx::connection c(db);
        pqxx::nontransaction(c).exec0("UPDATE faultline_schema SET version = " +
                                      std::to_string(newer));
    }
    auto store = opened(db);
    try {
        store.migrate();
        FAIL("migrate accepted a newer schema");
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        CHECK(what.find("has schema version " + std::to_string(newer) +
                        ", newer than this faultline knows") != std::string::npos);
        CHECK(what.find(store.where()) != std::string::npos);
    }
    CHECK(query_value<int>(db, "SELECT version FROM faultline_schema") == newer);
}

TEST_CASE("three stored runs read back: the trend oldest first, the last pass before a time",
          "[postgres]") {
    const auto db = fresh_database();
    auto store = opened(db);
    store.migrate();
    auto refined = summary(3, "pass", 1100);
    refined["breaking_point"]["refined"] = {{"capacity", {{"throughput_rps", 1150.0}}}};
    // Stored out of order: the trend sorts by started_at.
    const auto third = store.store(refined, "host-c");
    const auto first = store.store(summary(1, "pass", 1000), "host-a");
    const auto second = store.store(summary(2, "fail", 900), "host-b");
    auto other = summary(2, "pass", 5);
    other["scenario"] = "other";
    store.store(other, "host-d");

    const auto runs = store.trend("golden", 10);
    REQUIRE(runs.size() == 3);
    CHECK(runs[0].id == first);
    CHECK(runs[1].id == second);
    CHECK(runs[2].id == third);
    CHECK(runs[0].started_at == "2026-12-01T10:00:00Z");
    CHECK(runs[1].verdict == "fail");
    CHECK(runs[0].capacity_rps == 1000.0);
    CHECK(runs[2].capacity_rps == 1150.0);  // the refined capacity
    REQUIRE(runs[0].faults.size() == 1);
    CHECK(runs[0].faults[0].fault == "cache-down");
    CHECK(runs[0].faults[0].recovered);
    CHECK(runs[0].faults[0].time_to_recover_s == 1.2);

    const auto newest = store.trend("golden", 2);
    REQUIRE(newest.size() == 2);
    CHECK(newest[0].id == second);
    CHECK(newest[1].id == third);
    CHECK(store.trend("nothing", 10).empty());

    // The newest pass strictly before a time; the failed run in between is skipped.
    auto pass = store.last_pass("golden", "2026-12-03T10:00:00Z");
    REQUIRE(pass);
    CHECK((*pass)["started_at"] == "2026-12-01T10:00:00Z");
    CHECK(*pass == summary(1, "pass", 1000));  // the whole summary, as stored
    pass = store.last_pass("golden", "2026-12-03T10:00:01Z");
    REQUIRE(pass);
    CHECK((*pass)["started_at"] == "2026-12-03T10:00:00Z");
    CHECK_FALSE(store.last_pass("golden", "2026-12-01T10:00:00Z"));

    // Steps and recoveries, one row each.
    CHECK(query_value<int>(db, "SELECT count(*) FROM faultline_steps WHERE run_id = " +
                                   std::to_string(first)) == 3);
    CHECK(query_value<int>(db,
                           "SELECT count(*) FROM faultline_recoveries JOIN faultline_runs "
                           "ON id = run_id WHERE scenario = 'golden'") == 3 * 2);
    CHECK(
        query_value<double>(db, "SELECT p99_ms FROM faultline_steps WHERE index = 0 AND run_id = " +
                                    std::to_string(first)) == 5.0);
    CHECK(query_value<std::string>(
              db,
              "SELECT concat_ws(',', fault, time_to_impact_s, recovered, lost) FROM "
              "faultline_recoveries WHERE workload = 'items' AND run_id = " +
                  std::to_string(second)) == "cache-down,2.1,t,42");
    CHECK(query_value<std::string>(db,
                                   "SELECT concat_ws('|', host, array_length(reasons, 1), "
                                   "model, version) FROM faultline_runs WHERE id = " +
                                       std::to_string(first)) == "host-a|3|closed|0.1.0");
}

TEST_CASE("a store whose session the server closed stores on a new one", "[postgres]") {
    const auto db = fresh_database();
    auto store = opened(db);
    store.migrate();
    store.store(summary(1, "pass", 1000), "h");
    {
        pqxx::connection c(db);
        pqxx::nontransaction(c).exec(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> "
            "pg_backend_pid() AND datname = current_database()");
    }
    CHECK(store.store(summary(2, "pass", 1000), "h") > 0);
    CHECK(store.trend("golden", 10).size() == 2);
}
