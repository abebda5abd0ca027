#include <catch2/catch.hpp>

#include <faultline/history/conninfo.hpp>
#include <faultline/history/run_store.hpp>

using faultline::history::checked_conninfo;

TEST_CASE("the store's conninfo: loopback or a socket folder, connect_timeout added") {
    auto c = checked_conninfo("host=127.0.0.1 port=5433 user=postgres dbname=runs");
    REQUIRE(c);
    CHECK(*c == "user='postgres' dbname='runs' host='127.0.0.1' port='5433' connect_timeout=5");

    c = checked_conninfo("host=localhost connect_timeout=2 password='it\\'s'");
    REQUIRE(c);
    CHECK(c->find("connect_timeout='2'") != std::string::npos);
    CHECK(c->find("connect_timeout=5") == std::string::npos);
    CHECK(c->find("password='it\\'s'") != std::string::npos);

    CHECK(checked_conninfo("postgresql://postgres@[::1]:5433/runs"));
    CHECK(checked_conninfo("host=/tmp/pg port=5433"));
    CHECK(checked_conninfo("host=127.0.0.1,/run/postgresql"));
    CHECK(checked_conninfo("host=db.internal hostaddr=127.0.0.1"));
}

TEST_CASE("the store's conninfo: a remote host, no host or a bad string is refused") {
    const auto* text =
        GENERATE(as<const char*>{}, "host=10.0.0.1 dbname=runs", "postgresql://db.example.com/runs",
                 "host=127.0.0.1,10.0.0.1", "host=localhost hostaddr=192.168.1.5", "dbname=runs",
                 "host=relative/folder", "host=127.0.0.1 port");
    INFO(text);
    const auto c = checked_conninfo(text);
    REQUIRE_FALSE(c);
    CHECK_FALSE(c.error().empty());
    CHECK(c.error().find('\n') == std::string::npos);
}

TEST_CASE(
    "opening a store: a remote host is refused before any connection; a refused one says why "
    "on one line") {
    const auto store = faultline::history::run_store::open("host=192.0.2.1 dbname=runs");
    REQUIRE_FALSE(store);
    CHECK(store.error().find("must be on this machine, got host '192.0.2.1'") != std::string::npos);
    // Port 1: nothing listens there.
    const auto refused = faultline::history::run_store::open("host=127.0.0.1 port=1");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().rfind("cannot connect: ", 0) == 0);
    CHECK(refused.error().find("Connection refused; ") != std::string::npos);
    CHECK(refused.error().find('\n') == std::string::npos);
}
