// postgres = { ... }: the PostgreSQL driver's table of a workload.
#include <catch2/catch.hpp>

#include <faultline/scenario/loader.hpp>

#include "scenario_test_util.hpp"

using namespace std::chrono_literals;
using faultline::scenario::test::load_errors;
using faultline::scenario::test::load_ok;
using faultline::scenario::test::require_single;

namespace {

// A scenario whose only workload's driver line is line 4.
std::string with_driver(const std::string& line) {
    return "name = \"t\"\n[[workloads]]\nname = \"db\"\n" + line +
           "[ramp]\nstep = 1\nmax = 2\n[breaking_point]\nerror_rate = \"1%\"\n";
}

const std::string conninfo = "conninfo = \"host=127.0.0.1 port=5432 user=postgres\"";

}  // namespace

TEST_CASE("a postgres workload loads one statement or a transaction", "[scenario][postgres]") {
    auto s =
        load_ok(with_driver("postgres = { " + conninfo +
                            ", query = \"SELECT v FROM t WHERE id = $1 AND k = $2\", "
                            "params = [\"{rand:1..9}\", \"{uuid}\"], timeout = \"250ms\" }\n"));
    const auto& pg = s.workloads[0].driver_as<faultline::drivers::postgres_workload>();
    CHECK(pg.conninfo == "host=127.0.0.1 port=5432 user=postgres");
    REQUIRE(pg.statements.size() == 1);
    CHECK(pg.statements[0].params == std::vector<std::string>{"{rand:1..9}", "{uuid}"});
    CHECK_FALSE(pg.transaction);
    CHECK(pg.request_timeout == 250ms);
    CHECK(pg.connect_timeout == 2s);

    s = load_ok(with_driver("postgres = { " + conninfo +
                            ", transaction = [{ query = \"INSERT INTO t VALUES ($1)\", params = "
                            "[\"{seq}\"] }, { query = \"UPDATE c SET n = n + 1\" }] }\n"));
    const auto& tx = s.workloads[0].driver_as<faultline::drivers::postgres_workload>();
    CHECK(tx.transaction);
    REQUIRE(tx.statements.size() == 2);
    CHECK(tx.statements[1].params.empty());
}

TEST_CASE("postgres workload mistakes name their key", "[scenario][postgres][errors]") {
    SECTION("a remote host nothing allows") {
        require_single(load_errors(with_driver("postgres = { conninfo = \"host=db.example.com "
                                               "user=x\", query = \"SELECT 1\" }\n")),
                       4, 25,
                       "workloads.0.postgres.conninfo: host 'db.example.com' is not allowed");
    }
    SECTION("no host at all") {
        require_single(load_errors(with_driver("postgres = { conninfo = \"user=x\", "
                                               "query = \"SELECT 1\" }\n")),
                       4, 25, "workloads.0.postgres.conninfo: expected a host");
    }
    SECTION("a malformed connection string") {
        require_single(load_errors(with_driver("postgres = { conninfo = \"host=127.0.0.1 "
                                               "nosuchkey=1\", query = \"SELECT 1\" }\n")),
                       4, 25, "not a libpq connection string: invalid connection option");
    }
    SECTION("parameters that do not match the query") {
        require_single(
            load_errors(with_driver("postgres = { " + conninfo +
                                    ", query = \"SELECT $1, $2\", params = [\"1\"] }\n")),
            4, 75, "uses parameters up to $2 but params has 1 values");
    }
    SECTION("a malformed template") {
        require_single(
            load_errors(with_driver("postgres = { " + conninfo +
                                    ", query = \"SELECT $1\", params = [\"{rand:9..1}\"] }\n")),
            4, 99, "invalid template");
    }
    SECTION("query beside a transaction") {
        require_single(load_errors(with_driver(
                           "postgres = { " + conninfo +
                           ", query = \"SELECT 1\", transaction = [{ query = \"SELECT 2\" }] }\n")),
                       4, 101, "either one query or a transaction");
    }
    SECTION("no query") {
        require_single(load_errors(with_driver("postgres = { " + conninfo + " }\n")), 4, 12,
                       "missing required key 'query'");
    }
}
