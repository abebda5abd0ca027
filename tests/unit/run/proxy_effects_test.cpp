// Proxy faults through the in-process proxy control, on a real proxy server in front of a real
// echo server: what a client sees while each is in place and after it is removed, and what each
// counts as touched.
#include <catch2/catch.hpp>

#include <faultline/faults/proxy_effects.hpp>
#include <faultline/run/in_process_proxy_control.hpp>
#include <faultline/test/blocking_client.hpp>
#include <faultline/test/echo_server.hpp>
#include <faultline/test/support.hpp>

using namespace faultline;
using namespace faultline::faults;
using namespace std::chrono_literals;
using test::blocking_client;
using test::connection_fate;
using test::read_end;

namespace {

struct proxied_echo {
    test::echo_server echo;
    proxies::proxy_server server;
    run::in_process_proxy_control control{server};
    std::uint16_t port = 0;

    proxied_echo() {
        auto created =
            server.create({"dep", "127.0.0.1:0", "127.0.0.1:" + std::to_string(echo.port()), true});
        REQUIRE(created);
        port = test::port_of(created->listen);
    }
};

bool echoes(blocking_client& client, const std::string& text) {
    std::string back;
    return client.send_all(text, 1s) &&
           client.read_exactly(text.size(), back, 1s) == read_end::complete && back == text;
}

std::uint64_t count(const touch_counts& counts, const std::string& what) {
    for (const auto& [name, n] : counts) {
        if (name == what)
            return n;
    }
    return 0;
}

}  // namespace

TEST_CASE("refuse: connects are refused and open connections cut, until removed",
          "[faults][proxy_effects]") {
    proxied_echo p;
    blocking_client open(p.port, 1s);
    REQUIRE(echoes(open, "before"));
    auto effect = make_outage_effect(p.control, "dep", proxy_outage::refuse, "out", 5s);
    REQUIRE(effect->apply());
    std::string rest;
    CHECK(open.read_until_closed(rest, 2s) != read_end::timed_out);
    CHECK(test::probe_connection(p.port, 200ms) == connection_fate::refused);
    CHECK(count(effect->touched(), "connections_cut") == 1);
    REQUIRE(effect->remove(false));
    blocking_client again(p.port, 1s);
    CHECK(echoes(again, "after"));
}

TEST_CASE("blackhole: connections open but nothing passes; removal closes them",
          "[faults][proxy_effects]") {
    proxied_echo p;
    blocking_client held(p.port, 1s);
    REQUIRE(echoes(held, "before"));
    auto effect = make_outage_effect(p.control, "dep", proxy_outage::blackhole, "hole", 5s);
    REQUIRE(effect->apply());
    std::string back;
    REQUIRE(held.send_all("lost", 1s));
    CHECK(held.read_exactly(4, back, 300ms) == read_end::timed_out);
    blocking_client fresh(p.port, 1s);  // still accepted
    REQUIRE(fresh.send_all("lost too", 1s));
    CHECK(fresh.read_exactly(8, back, 300ms) == read_end::timed_out);
    CHECK(count(effect->touched(), "connections") >= 2);
    REQUIRE(effect->remove(false));
    CHECK(held.read_until_closed(back, 2s) != read_end::timed_out);
    CHECK(count(effect->touched(), "connections") >= 2);  // kept after removal
    blocking_client after(p.port, 1s);
    CHECK(echoes(after, "after"));
    CHECK(p.server.toxics("dep")->empty());
}

TEST_CASE("reset: every connection is reset while it is in place", "[faults][proxy_effects]") {
    proxied_echo p;
    auto effect = make_outage_effect(p.control, "dep", proxy_outage::reset, "rst", 5s);
    REQUIRE(effect->apply());
    // The proxy accepts and resets at once: the client sees the reset on its first read, or,
    // when the reset beats its connect's completion check, as a failed connect. Either way the
    // toxic's action count shows the proxy accepted and reset it (a refusal would not count).
    const auto fate = test::probe_connection(p.port, 1s);
    CHECK((fate == connection_fate::reset || fate == connection_fate::refused));
    CHECK(count(effect->touched(), "actions") >= 1);
    REQUIRE(effect->remove(false));
    blocking_client after(p.port, 1s);
    CHECK(echoes(after, "after"));
}

TEST_CASE("a toxic fault adds its toxic, counts what it touched, and removes it",
          "[faults][proxy_effects]") {
    proxied_echo p;
    proxies::toxic_request latency;
    latency.name = "slow";
    latency.type = "latency";
    latency.attributes["latency"] = 100;
    auto effect = make_toxic_effect(p.control, "dep", {latency}, 5s);
    REQUIRE(effect->apply());
    blocking_client client(p.port, 1s);
    const auto start = clock::now();
    REQUIRE(echoes(client, "slow"));
    CHECK(clock::now() - start >= 100ms);
    CHECK(count(effect->touched(), "pieces") >= 1);
    REQUIRE(effect->remove(false));
    CHECK(p.server.toxics("dep")->empty());
    CHECK(count(effect->touched(), "pieces") >= 1);
    // Applying a toxic to an unknown proxy is an error, not a crash.
    auto lost = make_toxic_effect(p.control, "nope", {latency}, 5s);
    auto applied = lost->apply();
    REQUIRE_FALSE(applied);
    CHECK(applied.error().find("nope") != std::string::npos);
}
