// The Redis driver against a real redis-server (scripts/redis.sh) and scripted loopback servers:
// replies, error replies, and every transport failure map to their outcomes within the timeout.
#include <csignal>

#include <catch2/catch.hpp>

#include <faultline/core/spawn.hpp>
#include <faultline/drivers/driver_descriptor.hpp>
#include <faultline/drivers/redis_config.hpp>
#include <faultline/test/blocking_client.hpp>
#include <faultline/test/data_servers.hpp>
#include <faultline/test/loopback_server.hpp>
#include <faultline/test/support.hpp>

#include "run_session.hpp"

using namespace std::chrono_literals;
using faultline::stats::outcome;
using faultline::test::behaviour;
using faultline::test::loopback_server;

namespace {

faultline::drivers::redis_workload redis_workload(std::uint16_t port,
                                                  std::vector<std::string> command,
                                                  faultline::nanoseconds timeout = 300ms) {
    faultline::drivers::redis_workload redis;
    redis.address = {"127.0.0.1", port};
    redis.command = std::move(command);
    redis.connect_timeout = 300ms;
    redis.request_timeout = timeout;
    return redis;
}

outcome execute_once(faultline::drivers::session& s, faultline::asio::io_context& ioc) {
    return faultline::drivers::test::execute_timed(s, ioc).first;
}

// Sends an inline command with a plain client and reads `size` bytes of its reply.
std::string ask(std::uint16_t port, const std::string& command, std::size_t size) {
    faultline::test::blocking_client client(port, 2000ms);
    REQUIRE(client.send_all(command, 2000ms));
    std::string reply;
    client.read_exactly(size, reply, 2000ms);
    return reply;
}

}  // namespace

TEST_CASE("commands against a real Redis: replies are ok, error replies fail the check",
          "[redis_session]") {
    faultline::test::redis_server redis;
    faultline::asio::io_context ioc;
    // SET with a templated key, then INCR of one counter: the counter proves every command ran.
    auto set = faultline::drivers::make_driver(
        "redis", redis_workload(redis.port(), {"SET", "item:{seq}", "value-{rand:1..9}"}));
    auto incr =
        faultline::drivers::make_driver("redis", redis_workload(redis.port(), {"INCR", "hits"}));
    auto wrong =
        faultline::drivers::make_driver("redis", redis_workload(redis.port(), {"NOSUCHCOMMAND"}));
    auto s1 = set->make_session(ioc.get_executor(), 1);
    auto s2 = incr->make_session(ioc.get_executor(), 2);
    auto s3 = wrong->make_session(ioc.get_executor(), 3);
    for (int i = 0; i < 50; ++i) {
        CHECK(execute_once(*s1, ioc) == outcome::ok);
        CHECK(execute_once(*s2, ioc) == outcome::ok);
    }
    CHECK(execute_once(*s3, ioc) == outcome::check_failed);
    CHECK(execute_once(*s2, ioc) == outcome::ok);  // the connection survives an error reply

    // Read back what was written with a GET of the counter: a bulk reply.
    auto get =
        faultline::drivers::make_driver("redis", redis_workload(redis.port(), {"GET", "hits"}));
    auto s4 = get->make_session(ioc.get_executor(), 4);
    CHECK(execute_once(*s4, ioc) == outcome::ok);
    CHECK(ask(redis.port(), "GET hits\r\n", 8) == "$2\r\n51\r\n");
    CHECK(ask(redis.port(), "DBSIZE\r\n", 5) == ":51\r\n");  // 50 items and the counter
    for (auto* s : {s1.get(), s2.get(), s3.get(), s4.get()})
        s->close();
}

TEST_CASE("Redis transport failures map to their kinds within the timeout", "[redis_session]") {
    struct row {
        const char* name;
        behaviour kind;
        outcome expected;
    };
    auto r = GENERATE(values<row>({
        {"never answers", behaviour::never_answer, outcome::timeout},
        {"answers with bytes that are not RESP", behaviour::garbage, outcome::protocol},
        {"answers HTTP, then resets", behaviour::reset_mid_response, outcome::protocol},
    }));
    INFO(r.name);
    loopback_server server(r.kind);
    faultline::asio::io_context ioc;
    auto driver = faultline::drivers::make_driver("redis", redis_workload(server.port(), {"PING"}));
    auto session = driver->make_session(ioc.get_executor(), 1);
    const auto start = faultline::clock::now();
    CHECK(execute_once(*session, ioc) == r.expected);
    CHECK(faultline::clock::now() - start < 2s);
    session->close();
}

TEST_CASE("a paused Redis times out; a refused port is connect_refused", "[redis_session]") {
    faultline::test::redis_server redis;
    faultline::asio::io_context ioc;
    auto driver = faultline::drivers::make_driver("redis", redis_workload(redis.port(), {"PING"}));
    auto session = driver->make_session(ioc.get_executor(), 1);
    CHECK(execute_once(*session, ioc) == outcome::ok);
    ::kill(redis.pid(), SIGSTOP);
    const auto start = faultline::clock::now();
    const auto paused = execute_once(*session, ioc);
    const auto waited = faultline::clock::now() - start;
    ::kill(redis.pid(), SIGCONT);
    CHECK(paused == outcome::timeout);
    CHECK(waited >= 300ms);
    CHECK(waited < 1500ms);
    CHECK(execute_once(*session, ioc) == outcome::ok);  // reconnects after the timeout
    session->close();

    auto refused = faultline::drivers::make_driver(
        "redis", redis_workload(faultline::test::free_port(), {"PING"}));
    auto lonely = refused->make_session(ioc.get_executor(), 2);
    CHECK(execute_once(*lonely, ioc) == outcome::connect_refused);
    lonely->close();
}

TEST_CASE("Redis closing the connection during a command is eof", "[redis_session]") {
    faultline::test::redis_server redis;
    faultline::asio::io_context ioc;
    // BLPOP on an empty list blocks on the server; another client then kills every normal
    // client connection but its own.
    auto driver = faultline::drivers::make_driver(
        "redis", redis_workload(redis.port(), {"BLPOP", "nothing", "5"}, 3000ms));
    auto session = driver->make_session(ioc.get_executor(), 1);
    std::optional<outcome> result;
    faultline::core::spawn(
        ioc.get_executor(),
        [&]() -> faultline::asio::awaitable<void> { result = co_await session->execute(); },
        "blocked command");
    faultline::test::run_until(
        ioc, [] { return false; }, 200ms);
    CHECK(ask(redis.port(), "CLIENT KILL TYPE normal SKIPME yes\r\n", 4) == ":1\r\n");
    REQUIRE(faultline::test::run_until(
        ioc, [&] { return result.has_value(); }, 2000ms));
    CHECK(*result == outcome::eof);
    session->close();
}
