// PostgreSQL connection strings read by libpq's parser: the hosts libpq would try, whether they
// are all on this machine, the first port, and the settings written back.
#include <catch2/catch.hpp>

#include <faultline/conninfo/settings.hpp>

using faultline::conninfo::settings;

TEST_CASE("key=value pairs and URIs give the same settings", "[conninfo]") {
    auto pairs = settings::parse("host=127.0.0.1 port=6543 dbname=app user=bench");
    REQUIRE(pairs);
    CHECK(pairs->value("dbname") == "app");
    CHECK(pairs->first_host() == "127.0.0.1");
    CHECK(pairs->first_port() == "6543");
    auto uri = settings::parse("postgresql://bench@127.0.0.1:6543/app");
    REQUIRE(uri);
    CHECK(uri->value("dbname") == "app");
    CHECK(uri->value("user") == "bench");
    CHECK(uri->first_port() == "6543");
    CHECK_FALSE(uri->has("password"));
}

TEST_CASE("hostaddr wins over host, and lists are tried in order", "[conninfo]") {
    auto s = settings::parse("host=db.example hostaddr=127.0.0.2,127.0.0.3 port=5433,5434");
    REQUIRE(s);
    CHECK(s->hosts() == "127.0.0.2,127.0.0.3");
    CHECK(s->first_host() == "127.0.0.2");
    CHECK(s->first_port() == "5433");
}

TEST_CASE("local: every host is loopback or a socket folder", "[conninfo]") {
    const auto local = [](const char* text) {
        auto s = settings::parse(text);
        REQUIRE(s);
        return s->local();
    };
    CHECK(local("host=127.0.0.1"));
    CHECK(local("host=localhost"));
    CHECK(local("host=::1"));
    CHECK(local("host=/run/postgresql"));
    CHECK(local("host=127.0.0.1,/tmp/pg"));
    CHECK_FALSE(local("host=10.1.2.3"));
    CHECK_FALSE(local("host=127.0.0.1,db.example"));
    CHECK_FALSE(local("dbname=app"));  // no host: libpq would take PGHOST
}

TEST_CASE("a string libpq cannot parse is refused with its reason", "[conninfo]") {
    auto s = settings::parse("host=127.0.0.1 nonsense");
    REQUIRE_FALSE(s);
    CHECK_THAT(s.error(), Catch::StartsWith("not a libpq connection string: "));
    CHECK(s.error().back() != '\n');
}

TEST_CASE("settings are written back with libpq's quoting", "[conninfo]") {
    auto s = settings::parse("host=127.0.0.1 password='it\\'s' application_name='a\\\\b'");
    REQUIRE(s);
    CHECK(s->value("password") == "it's");
    CHECK(s->value("application_name") == "a\\b");
    const auto text = s->to_string();
    CHECK_THAT(text, Catch::Contains("host='127.0.0.1'"));
    auto again = settings::parse(text);
    REQUIRE(again);
    CHECK(again->value("password") == s->value("password"));
    CHECK(again->value("application_name") == s->value("application_name"));
}
