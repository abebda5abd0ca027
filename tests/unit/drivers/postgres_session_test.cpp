// The PostgreSQL driver against a real PostgreSQL 15 (scripts/postgres.sh): prepared statements
// with templated parameters, transactions, server errors, and every way a connection ends, each
// within its timeout. What the driver wrote is read back with libpqxx.
#include <thread>

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include <faultline/drivers/driver_descriptor.hpp>
#include <faultline/drivers/postgres_config.hpp>
#include <faultline/test/data_servers.hpp>
#include <faultline/test/loopback_server.hpp>
#include <faultline/test/support.hpp>

#include "run_session.hpp"

using namespace std::chrono_literals;
using faultline::stats::outcome;
namespace sc = faultline::drivers;

namespace {

sc::postgres_workload pg_workload(const std::string& conninfo,
                                  std::vector<sc::postgres_statement> statements,
                                  bool transaction = false,
                                  faultline::nanoseconds timeout = 500ms) {
    sc::postgres_workload pg;
    pg.conninfo = conninfo;
    pg.statements = std::move(statements);
    pg.transaction = transaction;
    pg.connect_timeout = 500ms;
    pg.request_timeout = timeout;
    return pg;
}

outcome execute_once(faultline::drivers::session& s, faultline::asio::io_context& ioc) {
    return faultline::drivers::test::execute_timed(s, ioc).first;
}

long long count(const std::string& conninfo, const std::string& query) {
    pqxx::connection c(conninfo);
    pqxx::work w(c);
    return w.exec1(query)[0].as<long long>();
}

void exec(const std::string& conninfo, const std::string& sql) {
    pqxx::connection c(conninfo);
    pqxx::work w(c);
    w.exec(sql);
    w.commit();
}

}  // namespace

TEST_CASE("prepared statements with templated parameters write what they say",
          "[postgres_session]") {
    faultline::test::postgres_server pg;
    exec(pg.conninfo(), "CREATE TABLE items (id bigint PRIMARY KEY, v int NOT NULL)");
    faultline::asio::io_context ioc;
    auto insert = faultline::drivers::make_driver(
        "postgres", pg_workload(pg.conninfo(),
                                {{"INSERT INTO items VALUES ($1, $2)", {"{seq}", "{rand:5..7}"}}}));
    auto select = faultline::drivers::make_driver(
        "postgres",
        pg_workload(pg.conninfo(), {{"SELECT v FROM items WHERE id = $1", {"{rand:1..40}"}}}));
    auto s1 = insert->make_session(ioc.get_executor(), 1);
    auto s2 = select->make_session(ioc.get_executor(), 2);
    for (int i = 0; i < 40; ++i)
        REQUIRE(execute_once(*s1, ioc) == outcome::ok);
    for (int i = 0; i < 20; ++i)
        CHECK(execute_once(*s2, ioc) == outcome::ok);
    // A duplicate key is an error the server reports; the connection survives it.
    auto again = insert->make_session(ioc.get_executor(), 3);
    CHECK(execute_once(*again, ioc) == outcome::check_failed);  // id 1 exists
    CHECK(execute_once(*s2, ioc) == outcome::ok);
    CHECK(count(pg.conninfo(), "SELECT count(*) FROM items") == 40);
    CHECK(count(pg.conninfo(), "SELECT min(id) * 1000 + max(id) FROM items") == 1040);
    CHECK(count(pg.conninfo(), "SELECT count(*) FROM items WHERE v BETWEEN 5 AND 7") == 40);
    // Each statement was prepared once per connection, not once per request.
    CHECK(count(pg.conninfo(),
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'") >=
          3);
    for (auto* s : {s1.get(), s2.get(), again.get()})
        s->close();
}

TEST_CASE("a transaction commits all its statements or none", "[postgres_session]") {
    faultline::test::postgres_server pg;
    exec(pg.conninfo(), "CREATE TABLE orders (id bigint PRIMARY KEY, total int CHECK (total > 0))");
    faultline::asio::io_context ioc;
    auto good = faultline::drivers::make_driver(
        "postgres", pg_workload(pg.conninfo(),
                                {{"INSERT INTO orders VALUES ($1 * 2, 1)", {"{seq}"}},
                                 {"INSERT INTO orders VALUES ($1 * 2 + 1, 1)", {"{seq}"}}},
                                true));
    auto bad = faultline::drivers::make_driver(
        "postgres", pg_workload(pg.conninfo(),
                                {{"INSERT INTO orders VALUES (1000 + $1, 1)", {"{seq}"}},
                                 {"INSERT INTO orders VALUES (2000 + $1, -1)",
                                  {"{seq}"}}},  // violates the check
                                true));
    auto s1 = good->make_session(ioc.get_executor(), 1);
    auto s2 = bad->make_session(ioc.get_executor(), 2);
    for (int i = 0; i < 5; ++i) {
        CHECK(execute_once(*s1, ioc) == outcome::ok);
        CHECK(execute_once(*s2, ioc) == outcome::check_failed);
    }
    CHECK(count(pg.conninfo(), "SELECT count(*) FROM orders") == 10);
    CHECK(count(pg.conninfo(), "SELECT count(*) FROM orders WHERE id >= 1000") == 0);
    s1->close();
    s2->close();
}

TEST_CASE("PostgreSQL failures map to their kinds within the timeout", "[postgres_session]") {
    faultline::test::postgres_server pg;
    faultline::asio::io_context ioc;

    SECTION("a statement slower than the timeout, then a new connection") {
        auto slow = faultline::drivers::make_driver(
            "postgres",
            pg_workload(pg.conninfo(), {{"SELECT pg_sleep($1)", {"{rand:2..2}"}}}, false, 300ms));
        auto s = slow->make_session(ioc.get_executor(), 1);
        auto [kind, took] = faultline::drivers::test::execute_timed(*s, ioc);
        CHECK(kind == outcome::timeout);
        CHECK(took >= 300ms);
        CHECK(took < 1500ms);
        auto quick = faultline::drivers::make_driver(
            "postgres", pg_workload(pg.conninfo(), {{"SELECT 1", {}}}, false, 300ms));
        auto q = quick->make_session(ioc.get_executor(), 2);
        CHECK(execute_once(*q, ioc) == outcome::ok);
        s->close();
        q->close();
    }
    SECTION("a backend terminated during a statement is eof") {
        auto sleepy = faultline::drivers::make_driver(
            "postgres", pg_workload(pg.conninfo(), {{"SELECT pg_sleep(3)", {}}}, false, 5000ms));
        auto s = sleepy->make_session(ioc.get_executor(), 1);
        std::optional<outcome> result;
        faultline::core::spawn(
            ioc.get_executor(),
            [&]() -> faultline::asio::awaitable<void> { result = co_await s->execute(); },
            "sleeping statement");
        std::thread killer([&] {
            std::this_thread::sleep_for(500ms);
            exec(pg.conninfo(),
                 "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                 "WHERE query LIKE 'SELECT pg_sleep(3)%' AND pid <> pg_backend_pid()");
        });
        REQUIRE(faultline::test::run_until(
            ioc, [&] { return result.has_value(); }, 4000ms));
        killer.join();
        CHECK(*result == outcome::eof);
        s->close();
    }
    SECTION("SQL the server refuses to prepare fails the check") {
        auto wrong = faultline::drivers::make_driver(
            "postgres", pg_workload(pg.conninfo(), {{"SELECT nosuchcolumn FROM pg_class", {}}}));
        auto s = wrong->make_session(ioc.get_executor(), 1);
        CHECK(execute_once(*s, ioc) == outcome::check_failed);
        s->close();
    }
    SECTION("a refused port, and a server that never answers the start-up") {
        const auto nobody = faultline::test::free_port();
        auto refused = faultline::drivers::make_driver(
            "postgres",
            pg_workload("host=127.0.0.1 port=" + std::to_string(nobody) + " user=postgres",
                        {{"SELECT 1", {}}}));
        auto s = refused->make_session(ioc.get_executor(), 1);
        CHECK(execute_once(*s, ioc) == outcome::connect_refused);
        s->close();
        faultline::test::loopback_server mute(faultline::test::behaviour::never_answer);
        auto silent = faultline::drivers::make_driver(
            "postgres",
            pg_workload("host=127.0.0.1 port=" + std::to_string(mute.port()) + " user=postgres",
                        {{"SELECT 1", {}}}));
        auto m = silent->make_session(ioc.get_executor(), 2);
        auto [kind, took] = faultline::drivers::test::execute_timed(*m, ioc);
        CHECK(kind == outcome::connect_timeout);
        CHECK(took >= 500ms);
        CHECK(took < 2000ms);
        m->close();
    }
}

TEST_CASE("close() during a statement ends it as cancelled", "[postgres_session]") {
    faultline::test::postgres_server pg;
    faultline::asio::io_context ioc;
    auto sleepy = faultline::drivers::make_driver(
        "postgres", pg_workload(pg.conninfo(), {{"SELECT pg_sleep(2)", {}}}, false, 5000ms));
    auto s = sleepy->make_session(ioc.get_executor(), 1);
    std::optional<outcome> result;
    faultline::core::spawn(
        ioc.get_executor(),
        [&]() -> faultline::asio::awaitable<void> { result = co_await s->execute(); },
        "sleeping statement");
    faultline::test::run_until(
        ioc, [] { return false; }, 300ms);
    s->close();
    REQUIRE(faultline::test::run_until(
        ioc, [&] { return result.has_value(); }, 1000ms));
    CHECK(*result == outcome::cancelled);
}
