// Drills against a real PostgreSQL: one the run owns (killed and started again), and one the test
// owns, written through a proxy during an outage and read back with libpqxx.
#include <filesystem>

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include <faultline/test/data_servers.hpp>

#include "faultline_run.hpp"

using namespace std::chrono_literals;
using namespace faultline::test::runs;

namespace {

const nlohmann::json& only_fault(const nlohmann::json& summary) {
    REQUIRE(summary["faults"].size() == 1);
    return summary["faults"][0];
}

}  // namespace

TEST_CASE("PostgreSQL owned by the run, killed and started again: the run measures the recovery",
          "[.integration][drill][postgres]") {
    faultline::test::temp_dir dir;
    const auto port = std::to_string(faultline::test::free_port());
    const auto data = dir.path() / "pg";
    const std::string script = std::string(FAULTLINE_SOURCE_DIR) + "/scripts/postgres.sh";
    const std::string text =
        "name = \"db-kill\"\n"
        "[[services]]\nname = \"postgres\"\n"
        "command = [\"" +
        script + "\", \"run\", \"" + data.string() + "\", \"" + port +
        "\"]\n"
        "ready = { tcp = \"127.0.0.1:" +
        port +
        "\", timeout = \"30s\" }\n"
        "[[workloads]]\nname = \"select\"\ndepends_on = [\"postgres\"]\n"
        "postgres = { conninfo = \"host=127.0.0.1 port=" +
        port +
        " user=postgres "
        "dbname=postgres\", query = \"SELECT $1::int + 1\", params = [\"{rand:1..9}\"], "
        "timeout = \"1s\", connect_timeout = \"500ms\" }\n"
        "[ramp]\nshape = \"stages\"\nmodel = \"open\"\nstart = \"200/s\"\nwarmup = \"1s\"\n"
        "stages = [{ target = \"200/s\", duration = \"14s\" }]\n"
        "[slo]\nerror_rate = \"1%\"\nstable_for = \"2s\"\n"
        "[[faults]]\nat = \"4s\"\nservice = \"postgres\"\nprocess = \"kill\"\n"
        "restart_after = \"2s\"\n";
    auto run = run_scenario(dir, text, 90s);
    INFO(run.output);
    const auto& s = run.summary;
    check_accounting(s["totals"]);
    CHECK(s["verdict"] == "pass");
    const auto& kill = only_fault(s);
    CHECK(kill["took_effect"] == true);
    CHECK(kill["touched"]["processes_killed"].get<int>() >= 2);  // postmaster and backends
    CHECK(kill["end_s"].get<double>() == Approx(6.0).margin(0.3));
    const auto& select = kill["workloads"]["select"];
    CHECK(select["affected"] == true);
    CHECK(select["time_to_impact_s"].get<double>() < 0.5);
    CHECK(select["recovered"] == true);
    CHECK(select["lost"].get<int>() > 200);  // 2 s without a server at 200/s
    CHECK(s["workloads"]["select"]["ok"].get<int>() > 2000);
    // The run's PostgreSQL is gone, and so is its data.
    CHECK_FALSE(port_accepts(static_cast<std::uint16_t>(std::stoi(port))));
    CHECK_FALSE(std::filesystem::exists(data));
}

TEST_CASE("nothing lost: every acknowledged write survives an outage of the database",
          "[.integration][drill][postgres]") {
    faultline::test::postgres_server pg;
    {
        pqxx::connection c(pg.conninfo());
        pqxx::work w(c);
        w.exec("CREATE TABLE orders (id uuid PRIMARY KEY, item int NOT NULL)");
        w.commit();
    }
    faultline::test::temp_dir dir;
    const auto proxy = std::to_string(faultline::test::free_port());
    const std::string text =
        "name = \"nothing-lost\"\n"
        "[[proxies]]\nname = \"db\"\nlisten = \"127.0.0.1:" +
        proxy +
        "\"\n"
        "upstream = \"127.0.0.1:" +
        std::to_string(pg.port()) +
        "\"\n"
        "[[workloads]]\nname = \"write\"\ndepends_on = [\"db\"]\n"
        "postgres = { conninfo = \"host=127.0.0.1 port=" +
        proxy +
        " user=postgres "
        "dbname=postgres\", query = \"INSERT INTO orders VALUES ($1, $2)\", "
        "params = [\"{uuid}\", \"{rand:1..1000}\"], timeout = \"500ms\", "
        "connect_timeout = \"500ms\" }\n"
        "[ramp]\nshape = \"stages\"\nmodel = \"open\"\nstart = \"300/s\"\nwarmup = \"1s\"\n"
        "stages = [{ target = \"300/s\", duration = \"9s\" }]\n"
        "[slo]\nerror_rate = \"1%\"\nstable_for = \"2s\"\n"
        "[[faults]]\nat = \"3s\"\nduration = \"2s\"\nproxy = \"db\"\noutage = \"blackhole\"\n";
    auto run = run_scenario(dir, text, 90s);
    INFO(run.output);
    const auto& w = run.summary["workloads"]["write"];
    check_accounting(run.summary["totals"]);
    const auto ok = w["ok"].get<long long>();
    const auto indeterminate = w["indeterminate"].get<long long>();
    const auto failed = w["failed"].get<long long>();
    pqxx::connection c(pg.conninfo());
    pqxx::work tx(c);
    const auto rows = tx.exec1("SELECT count(*) FROM orders")[0].as<long long>();
    INFO("ok " << ok << ", indeterminate " << indeterminate << ", failed " << failed << ", rows "
               << rows);
    CHECK(ok > 1500);
    CHECK(indeterminate > 0);  // writes caught in the blackhole
    CHECK(rows >= ok);         // no acknowledged write is missing
    CHECK(rows <= ok + indeterminate);
    CHECK(w["sent"].get<long long>() ==
          ok + indeterminate + failed + w["cancelled"].get<long long>());
}
