#include <catch2/catch.hpp>

#include <faultline/proxies/proxy_server.hpp>
#include <faultline/test/blocking_client.hpp>
#include <faultline/test/echo_server.hpp>
#include <faultline/test/support.hpp>

using namespace faultline;
using namespace faultline::proxies;
using namespace std::chrono_literals;
using test::blocking_client;
using test::read_end;

namespace {

std::string upstream_of(const test::echo_server& echo) {
    return "127.0.0.1:" + std::to_string(echo.port());
}

/// Sends `text` and reads it back; returns the time it took, or -1s on failure.
nanoseconds round_trip(blocking_client& client, const std::string& text) {
    const auto start = clock::now();
    std::string back;
    if (!client.send_all(text, 2s) ||
        client.read_exactly(text.size(), back, 5s) != read_end::complete || back != text)
        return -1s;
    return clock::now() - start;
}

}  // namespace

TEST_CASE("a proxy on port 0 reports its real port and passes bytes both ways",
          "[proxies][server]") {
    test::echo_server echo;
    proxy_server server;
    auto created = server.create({"echo", "127.0.0.1:0", upstream_of(echo), true});
    REQUIRE(created);
    CHECK(created->enabled);
    CHECK(created->listen.rfind("127.0.0.1:", 0) == 0);
    const auto port = test::port_of(created->listen);
    CHECK(port != 0);

    blocking_client client(port, 2s);
    CHECK(round_trip(client, "hello through the proxy") > 0s);
    client.shutdown_send();  // half-close travels through and comes back
    std::string rest;
    CHECK(client.read_until_closed(rest, 2s) == read_end::closed);
    CHECK(rest.empty());

    auto view = server.find("echo");
    REQUIRE(view);
    CHECK(view->traffic.connections_accepted == 1);
    CHECK(view->traffic.bytes_upstream == 23);
    CHECK(view->traffic.bytes_downstream == 23);
}

TEST_CASE("proxy addresses: empty host is 127.0.0.1, any local address, any upstream host",
          "[proxies][server]") {
    test::echo_server echo;
    proxy_server server;
    auto bare = server.create({"bare", ":0", upstream_of(echo), true});
    REQUIRE(bare);
    CHECK(bare->listen.rfind("127.0.0.1:", 0) == 0);
    auto empty = server.create({"empty", "", upstream_of(echo), true});
    REQUIRE(empty);
    CHECK(empty->listen.rfind("127.0.0.1:", 0) == 0);

    // Every interface, as in a Compose file; reached here over loopback.
    auto anywhere = server.create({"anywhere", "0.0.0.0:0", upstream_of(echo), true});
    REQUIRE(anywhere);
    CHECK(anywhere->listen.rfind("0.0.0.0:", 0) == 0);
    blocking_client client(test::port_of(anywhere->listen), 2s);
    CHECK(round_trip(client, "through every interface") > 0s);

    // Upstreams may be any address or name; they are dialled only when a client connects.
    auto remote = server.create({"remote", "127.0.0.1:0", "10.1.2.3:5432", true});
    REQUIRE(remote);
    CHECK(remote->upstream == "10.1.2.3:5432");
    auto named = server.create({"named", "127.0.0.1:0", "postgres:5432", true});
    REQUIRE(named);
    CHECK(named->upstream == "postgres:5432");
    auto by_localhost =
        server.create({"local", "127.0.0.1:0", "localhost:" + std::to_string(echo.port()), true});
    REQUIRE(by_localhost);
    blocking_client local(test::port_of(by_localhost->listen), 2s);
    CHECK(round_trip(local, "by name") > 0s);

    auto bad_listen = server.create({"bad", "db.example:0", upstream_of(echo), true});
    REQUIRE_FALSE(bad_listen);
    CHECK(bad_listen.error().code == proxy_errc::bad_request_body);
    CHECK(bad_listen.error().message.find("not an address of this machine") != std::string::npos);
    auto bad_upstream = server.create({"bad", "127.0.0.1:0", "a b:1", true});
    REQUIRE_FALSE(bad_upstream);
    CHECK(bad_upstream.error().message.find("upstream: ") != std::string::npos);
}

TEST_CASE("create reports missing fields, duplicates and taken ports as Toxiproxy does",
          "[proxies][server]") {
    test::echo_server echo;
    proxy_server server;
    auto no_name = server.create({"", "127.0.0.1:0", upstream_of(echo), true});
    REQUIRE_FALSE(no_name);
    CHECK(no_name.error().message == "missing required field: name");
    CHECK(http_status(no_name.error().code) == 400);
    auto no_upstream = server.create({"x", "127.0.0.1:0", "", true});
    REQUIRE_FALSE(no_upstream);
    CHECK(no_upstream.error().message == "missing required field: upstream");

    auto first = server.create({"x", "127.0.0.1:0", upstream_of(echo), true});
    REQUIRE(first);
    auto again = server.create({"x", "127.0.0.1:0", upstream_of(echo), true});
    REQUIRE_FALSE(again);
    CHECK(again.error().message == "proxy already exists");
    CHECK(http_status(again.error().code) == 409);

    auto taken = server.create({"y", first->listen, upstream_of(echo), true});
    REQUIRE_FALSE(taken);
    CHECK(taken.error().code == proxy_errc::listen_failed);
    CHECK(server.list().size() == 1);
}

TEST_CASE("a disabled proxy refuses new connections and cuts open ones", "[proxies][server]") {
    test::echo_server echo;
    proxy_server server;
    auto created = server.create({"db", "127.0.0.1:0", upstream_of(echo), true});
    REQUIRE(created);
    const auto port = test::port_of(created->listen);
    blocking_client open(port, 2s);
    REQUIRE(round_trip(open, "before") > 0s);

    auto disabled = server.update("db", proxy_patch{{}, {}, false});
    REQUIRE(disabled);
    CHECK_FALSE(disabled->enabled);
    std::string rest;
    const auto end = open.read_until_closed(rest, 2s);
    CHECK((end == read_end::closed || end == read_end::reset));
    CHECK(test::probe_connection(port, 500ms) == test::connection_fate::refused);

    auto enabled = server.update("db", proxy_patch{{}, {}, true});
    REQUIRE(enabled);
    CHECK(enabled->listen == created->listen);  // the same port again
    blocking_client after(port, 2s);
    CHECK(round_trip(after, "after") > 0s);
}

TEST_CASE("an upstream that does not answer closes the client, counted", "[proxies][server]") {
    proxy_server server;
    const auto dead = test::free_port();
    auto created =
        server.create({"dead", "127.0.0.1:0", "127.0.0.1:" + std::to_string(dead), true});
    REQUIRE(created);
    blocking_client client(test::port_of(created->listen), 2s);
    std::string rest;
    const auto end = client.read_until_closed(rest, 3s);
    CHECK((end == read_end::closed || end == read_end::reset));
    CHECK(test::wait_for([&] { return server.find("dead")->traffic.upstream_dial_failures == 1; },
                         2000ms));
}

TEST_CASE("toxics: default names, errors, merge on update, removal", "[proxies][server]") {
    test::echo_server echo;
    proxy_server server;
    REQUIRE(server.create({"p", "127.0.0.1:0", upstream_of(echo), true}));

    toxic_request latency;
    latency.type = "latency";
    latency.attributes = {{"latency", 100}};
    auto added = server.add_toxic("p", latency);
    REQUIRE(added);
    CHECK(added->settings.name == "latency_downstream");
    CHECK(added->settings.stream == stream_direction::downstream);
    CHECK(added->settings.toxicity == 1.0);
    CHECK(added->settings.attributes.at("latency") == 100);
    CHECK(added->settings.attributes.at("jitter") == 0);  // the type's default

    auto twice = server.add_toxic("p", latency);
    REQUIRE_FALSE(twice);
    CHECK(twice.error().message == "toxic already exists");

    toxic_request bad_stream = latency;
    bad_stream.stream = "sideways";
    CHECK(server.add_toxic("p", bad_stream).error().code == proxy_errc::invalid_stream);
    toxic_request bad_type = latency;
    bad_type.type = "gremlin";
    CHECK(server.add_toxic("p", bad_type).error().message == "invalid toxic type");
    toxic_request negative = latency;
    negative.stream = "upstream";
    negative.attributes = {{"latency", -5}};
    CHECK(server.add_toxic("p", negative).error().code == proxy_errc::bad_request_body);
    CHECK(server.add_toxic("nope", latency).error().message == "proxy not found");

    toxic_patch patch;
    patch.attributes = {{"jitter", 10}};
    auto changed = server.update_toxic("p", "latency_downstream", patch);
    REQUIRE(changed);
    CHECK(changed->settings.attributes.at("latency") == 100);  // kept
    CHECK(changed->settings.attributes.at("jitter") == 10);    // merged

    REQUIRE(server.remove_toxic("p", "latency_downstream"));
    CHECK(server.remove_toxic("p", "latency_downstream").error().message == "toxic not found");
    CHECK(server.toxics("p")->empty());
}

TEST_CASE("a toxic change reaches open connections; removal restores speed", "[proxies][server]") {
    test::echo_server echo;
    proxy_server server;
    auto created = server.create({"p", "127.0.0.1:0", upstream_of(echo), true});
    REQUIRE(created);
    blocking_client client(test::port_of(created->listen), 2s);
    REQUIRE(round_trip(client, "warm") >= 0s);

    toxic_request latency;
    latency.type = "latency";
    latency.attributes = {{"latency", 150}};
    REQUIRE(server.add_toxic("p", latency));
    // Let the posted change reach the link before measuring.
    std::this_thread::sleep_for(50ms);
    const auto slow = round_trip(client, "slow");
    CHECK(slow >= 150ms);
    CHECK(slow < 1s);

    REQUIRE(server.remove_toxic("p", "latency_downstream"));
    std::this_thread::sleep_for(50ms);
    const auto fast = round_trip(client, "fast");
    CHECK(fast >= 0s);
    CHECK(fast < 100ms);
}

TEST_CASE("a leased toxic removes itself", "[proxies][server]") {
    test::echo_server echo;
    proxy_server server;
    REQUIRE(server.create({"p", "127.0.0.1:0", upstream_of(echo), true}));
    toxic_request latency;
    latency.type = "latency";
    latency.expires_in = 200ms;
    auto added = server.add_toxic("p", latency);
    REQUIRE(added);
    REQUIRE(added->expires_after);
    CHECK(*added->expires_after <= 200ms);
    CHECK(server.toxics("p")->size() == 1);
    CHECK(test::wait_for([&] { return server.toxics("p")->empty(); }, 2000ms));
}

TEST_CASE("populate keeps, replaces and creates; validates everything first", "[proxies][server]") {
    test::echo_server echo;
    test::echo_server other;
    proxy_server server;
    auto a = server.create({"a", "127.0.0.1:0", upstream_of(echo), true});
    REQUIRE(a);
    toxic_request latency;
    latency.type = "latency";
    REQUIRE(server.add_toxic("a", latency));

    SECTION("same listen and upstream keeps the proxy and its toxics") {
        auto result = server.populate({{"a", a->listen, upstream_of(echo), true},
                                       {"b", "127.0.0.1:0", upstream_of(other), true}});
        REQUIRE(result);
        REQUIRE(result->size() == 2);
        CHECK((*result)[0].toxics.size() == 1);
        CHECK((*result)[1].name == "b");
        CHECK(server.list().size() == 2);
    }
    SECTION("a different upstream replaces it") {
        auto result = server.populate({{"a", a->listen, upstream_of(other), true}});
        REQUIRE(result);
        CHECK((*result)[0].toxics.empty());
        CHECK((*result)[0].upstream == upstream_of(other));
    }
    SECTION("one bad entry changes nothing") {
        auto result = server.populate(
            {{"c", "127.0.0.1:0", upstream_of(echo), true}, {"d", "127.0.0.1:0", "", true}});
        REQUIRE_FALSE(result);
        CHECK(result.error().message == "missing required field: upstream at proxy 2");
        CHECK(server.list().size() == 1);
        auto duplicate = server.populate({{"c", "127.0.0.1:0", upstream_of(echo), true},
                                          {"c", "127.0.0.1:0", upstream_of(echo), true}});
        REQUIRE_FALSE(duplicate);
        CHECK(server.list().size() == 1);
    }
}

TEST_CASE("reset enables every proxy and removes every toxic", "[proxies][server]") {
    test::echo_server echo;
    proxy_server server;
    REQUIRE(server.create({"a", "127.0.0.1:0", upstream_of(echo), true}));
    REQUIRE(server.create({"b", "127.0.0.1:0", upstream_of(echo), false}));
    toxic_request latency;
    latency.type = "latency";
    REQUIRE(server.add_toxic("a", latency));
    server.reset();
    for (const auto& view : server.list()) {
        CHECK(view.enabled);
        CHECK(view.toxics.empty());
    }
}
