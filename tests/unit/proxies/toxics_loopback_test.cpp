// One test per toxic through a real proxy_server, a real echo_server and a real blocking_client.
// Lower bounds on time are tight (what the toxic promises); upper bounds are generous, so the
// tests hold on a loaded 2-core machine under ASan.
#include <thread>

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

/// An echo server behind a proxy named "p" on a port of its own.
struct loopback {
    test::echo_server echo;
    proxy_server server;
    std::uint16_t port = 0;

    loopback() {
        auto created =
            server.create({"p", "127.0.0.1:0", "127.0.0.1:" + std::to_string(echo.port()), true});
        REQUIRE(created);
        port = test::port_of(created->listen);
    }

    /// Adds a toxic (named "<type>_<stream>") and requires success.
    void add(const std::string& type, const std::string& stream, attribute_map attributes,
             double toxicity = 1.0) {
        toxic_request request;
        request.type = type;
        request.stream = stream;
        request.toxicity = toxicity;
        request.attributes = std::move(attributes);
        REQUIRE(server.add_toxic("p", request));
    }

    toxic_counts counts(const std::string& toxic) const {
        auto view = server.find_toxic("p", toxic);
        return view ? view->counts : toxic_counts{};
    }
};

/// Bytes [offset, offset + size) of an endless stream whose bytes depend on their position, so
/// reordering, loss or duplication shows.
std::string pattern(std::size_t size, std::size_t offset = 0) {
    std::string text(size, '\0');
    for (std::size_t i = 0; i < size; ++i) {
        const std::size_t at = offset + i;
        text[i] = static_cast<char>('!' + (at * 7 + at / 251) % 90);
    }
    return text;
}

/// Sends `text` and reads it back; returns the time it took, or -1s on any failure.
nanoseconds round_trip(blocking_client& client, const std::string& text,
                       std::chrono::milliseconds timeout = 5s) {
    const auto start = clock::now();
    std::string back;
    if (!client.send_all(text, 2s) ||
        client.read_exactly(text.size(), back, timeout) != read_end::complete || back != text)
        return -1s;
    return clock::now() - start;
}

/// Echoes `size` bytes and returns how long until the last byte came back (-1s on failure).
nanoseconds echo_bulk(std::uint16_t port, std::size_t size) {
    blocking_client client(port, 2s);
    return round_trip(client, pattern(size), 10s);
}

}  // namespace

TEST_CASE("latency delays every piece by its value", "[proxies][loopback]") {
    loopback lb;
    SECTION("downstream 100 ms") {
        lb.add("latency", "downstream", {{"latency", 100}});
        blocking_client client(lb.port, 2s);
        const auto took = round_trip(client, "ping");
        INFO("round trip " << to_millis(took) << " ms");
        CHECK(took >= 100ms);
        CHECK(took < 600ms);
    }
    SECTION("upstream 50 ms plus downstream 50 ms") {
        lb.add("latency", "upstream", {{"latency", 50}});
        lb.add("latency", "downstream", {{"latency", 50}});
        blocking_client client(lb.port, 2s);
        const auto took = round_trip(client, "ping");
        INFO("round trip " << to_millis(took) << " ms");
        CHECK(took >= 100ms);
        CHECK(took < 600ms);
    }
}

TEST_CASE("latency does not cap throughput: each chunk comes back its latency after it left",
          "[proxies][loopback]") {
    loopback lb;
    lb.add("latency", "downstream", {{"latency", 100}});
    blocking_client client(lb.port, 2s);
    constexpr std::size_t chunks = 20;
    constexpr std::size_t size = 16;
    std::vector<clock::time_point> sent;
    std::string all;
    const auto start = clock::now();
    for (std::size_t i = 0; i < chunks; ++i) {
        const std::string chunk = pattern(size, i * size);
        all += chunk;
        sent.push_back(clock::now());
        REQUIRE(client.send_all(chunk, 1s));
        std::this_thread::sleep_for(5ms);  // separate pieces, sent well within one latency
    }
    std::string back;
    for (std::size_t i = 0; i < chunks; ++i) {
        REQUIRE(client.read_exactly(size, back, 3s) == read_end::complete);
        const auto delay = clock::now() - sent[i];
        INFO("chunk " << i << " back after " << to_millis(delay) << " ms");
        CHECK(delay >= 100ms);
        CHECK(delay < 600ms);
    }
    const auto total = clock::now() - start;
    INFO("20 chunks in " << to_millis(total) << " ms");
    CHECK(back == all);
    CHECK(total < 1000ms);  // 20 × 100 ms would be 2 s
}

TEST_CASE("bandwidth 100 KB/s: 200 KB take about 2 s in either direction", "[proxies][loopback]") {
    loopback lb;
    const std::string stream = GENERATE("downstream", "upstream");
    lb.add("bandwidth", stream, {{"rate", 100}});
    const auto took = echo_bulk(lb.port, 200'000);
    INFO(stream << ": 200 KB echoed in " << to_millis(took) << " ms");
    CHECK(took >= 1800ms);
    CHECK(took < 6s);
}

TEST_CASE("slow_close holds the end of the stream, not the data", "[proxies][loopback]") {
    loopback lb;
    lb.add("slow_close", "downstream", {{"delay", 300}});
    blocking_client client(lb.port, 2s);
    REQUIRE(client.send_all("last words", 1s));
    client.shutdown_send();
    const auto start = clock::now();
    std::string back;
    REQUIRE(client.read_exactly(10, back, 2s) == read_end::complete);
    const auto data_after = clock::now() - start;
    CHECK(back == "last words");
    CHECK(data_after < 250ms);
    std::string rest;
    CHECK(client.read_until_closed(rest, 3s) == read_end::closed);
    const auto eof_after = clock::now() - start;
    INFO("data after " << to_millis(data_after) << " ms, EOF after " << to_millis(eof_after)
                       << " ms");
    CHECK(rest.empty());
    CHECK(eof_after >= 300ms);
    CHECK(eof_after < 1500ms);
}

TEST_CASE("timeout swallows data and closes the connection its time after it joined",
          "[proxies][loopback]") {
    loopback lb;
    auto start = clock::now();
    std::unique_ptr<blocking_client> client;
    SECTION("joined at connect") {
        lb.add("timeout", "downstream", {{"timeout", 300}});
        start = clock::now();  // before connect: the toxic joins at accept, after this
        client = std::make_unique<blocking_client>(lb.port, 2s);
    }
    SECTION("added to an open connection") {
        client = std::make_unique<blocking_client>(lb.port, 2s);
        REQUIRE(round_trip(*client, "before") >= 0s);
        start = clock::now();
        lb.add("timeout", "downstream", {{"timeout", 300}});
    }
    REQUIRE(client->send_all("swallowed", 1s));
    std::string back;
    CHECK(client->read_until_closed(back, 3s) == read_end::closed);
    const auto took = clock::now() - start;
    INFO("closed after " << to_millis(took) << " ms");
    CHECK(back.empty());
    CHECK(took >= 300ms);
    CHECK(took < 1500ms);
    CHECK(test::wait_for([&] { return lb.counts("timeout_downstream").bytes == 9; }, 1000ms));
}

TEST_CASE("timeout 0 holds the connection open until the toxic is removed", "[proxies][loopback]") {
    loopback lb;
    lb.add("timeout", "downstream", {{"timeout", 0}});
    blocking_client client(lb.port, 2s);
    REQUIRE(client.send_all("never seen", 1s));
    std::string back;
    CHECK(client.read_exactly(10, back, 300ms) == read_end::timed_out);
    CHECK(back.empty());

    const auto start = clock::now();
    REQUIRE(lb.server.remove_toxic("p", "timeout_downstream"));
    CHECK(client.read_until_closed(back, 2s) == read_end::closed);
    const auto took = clock::now() - start;
    INFO("closed " << to_millis(took) << " ms after removal");
    CHECK(back.empty());  // swallowed bytes are gone, not delivered late
    CHECK(took < 500ms);
}

TEST_CASE("reset_peer resets open connections after its timeout, new ones at once",
          "[proxies][loopback]") {
    loopback lb;
    SECTION("timeout 200 ms, added to an open connection") {
        blocking_client client(lb.port, 2s);
        REQUIRE(round_trip(client, "before") >= 0s);
        const auto start = clock::now();
        lb.add("reset_peer", "downstream", {{"timeout", 200}});
        std::string back;
        CHECK(client.read_until_closed(back, 3s) == read_end::reset);
        const auto took = clock::now() - start;
        INFO("reset " << to_millis(took) << " ms after the add");
        CHECK(took >= 200ms);
        CHECK(took < 1500ms);
        CHECK(test::wait_for([&] { return lb.echo.resets() == 1; }, 2000ms));
        CHECK(lb.counts("reset_peer_downstream").actions == 1);
    }
    SECTION("timeout 0, new connection") {
        lb.add("reset_peer", "downstream", {{"timeout", 0}});
        const auto start = clock::now();
        blocking_client client(lb.port, 2s);
        std::string back;
        CHECK(client.read_until_closed(back, 2s) == read_end::reset);
        const auto took = clock::now() - start;
        INFO("reset " << to_millis(took) << " ms after connect");
        CHECK(back.empty());
        CHECK(took < 500ms);
    }
}

TEST_CASE("slicer delivers a message intact, slice by slice", "[proxies][loopback]") {
    loopback lb;
    lb.add("slicer", "downstream", {{"average_size", 10}, {"size_variation", 5}, {"delay", 1000}});
    blocking_client client(lb.port, 2s);
    const auto took = round_trip(client, pattern(1000));  // checks the bytes too
    INFO("1000 bytes in " << to_millis(took) << " ms");
    CHECK(took >= 60ms);  // about 100 slices 1 ms apart
    CHECK(took < 1500ms);
    const auto counts = lb.counts("slicer_downstream");
    CHECK(counts.bytes == 1000);
    CHECK(counts.actions >= 1);
}

TEST_CASE("limit_data passes exactly its bytes, then closes", "[proxies][loopback]") {
    loopback lb;
    lb.add("limit_data", "downstream", {{"bytes", 100}});
    blocking_client client(lb.port, 2s);
    const std::string message = pattern(300);
    REQUIRE(client.send_all(message, 1s));
    std::string back;
    CHECK(client.read_until_closed(back, 2s) == read_end::closed);
    CHECK(back == message.substr(0, 100));
}

TEST_CASE("loss holds a lost piece back by its retransmission timeouts", "[proxies][loopback]") {
    loopback lb;
    SECTION("probability 1: six losses in a row, 63 × rto") {
        lb.add("loss", "downstream", {{"probability", 1}, {"rto", 5}});
        blocking_client client(lb.port, 2s);
        const auto took = round_trip(client, "lossy");
        INFO("held " << to_millis(took) << " ms");
        CHECK(took >= 315ms);
        CHECK(took < 1500ms);
        CHECK(lb.counts("loss_downstream").actions == 1);
    }
    SECTION("probability 0: nothing is held") {
        lb.add("loss", "downstream", {{"probability", 0}, {"rto", 1000}});
        blocking_client client(lb.port, 2s);
        const auto took = round_trip(client, "clean");
        INFO("round trip " << to_millis(took) << " ms");
        CHECK(took >= 0s);
        CHECK(took < 500ms);
        CHECK(test::wait_for([&] { return lb.counts("loss_downstream").pieces == 1; }, 1000ms));
        CHECK(lb.counts("loss_downstream").actions == 0);
    }
}

TEST_CASE("drop closes a connection at once or after some bytes", "[proxies][loopback]") {
    loopback lb;
    SECTION("after_bytes 0: closed right after connect") {
        lb.add("drop", "downstream", {{"probability", 1}, {"after_bytes", 0}});
        const auto start = clock::now();
        blocking_client client(lb.port, 2s);
        std::string back;
        CHECK(client.read_until_closed(back, 2s) == read_end::closed);
        const auto took = clock::now() - start;
        INFO("closed " << to_millis(took) << " ms after connect");
        CHECK(back.empty());
        CHECK(took < 500ms);
        CHECK(lb.counts("drop_downstream").actions == 1);
    }
    SECTION("after_bytes 50: exactly 50 bytes, then closed") {
        lb.add("drop", "downstream", {{"probability", 1}, {"after_bytes", 50}});
        blocking_client client(lb.port, 2s);
        const std::string message = pattern(120);
        REQUIRE(client.send_all(message, 1s));
        std::string back;
        CHECK(client.read_until_closed(back, 2s) == read_end::closed);
        CHECK(back == message.substr(0, 50));
    }
}

TEST_CASE("toxicity 0 never applies; counters follow what a toxic touches", "[proxies][loopback]") {
    loopback lb;
    lb.add("latency", "downstream", {{"latency", 500}}, 0.0);
    lb.add("latency", "upstream", {{"latency", 20}});
    blocking_client first(lb.port, 2s);
    const auto took = round_trip(first, pattern(40));
    INFO("round trip " << to_millis(took) << " ms");
    CHECK(took >= 20ms);
    CHECK(took < 400ms);  // well under the 500 ms the inert toxic would add
    const auto inert = lb.counts("latency_downstream");
    CHECK(inert.connections == 0);
    CHECK(inert.pieces == 0);
    CHECK(inert.bytes == 0);
    CHECK(inert.actions == 0);

    auto applied = lb.counts("latency_upstream");
    CHECK(applied.connections == 1);
    CHECK(applied.pieces == 1);
    CHECK(applied.bytes == 40);
    CHECK(applied.actions == 1);

    blocking_client second(lb.port, 2s);
    REQUIRE(round_trip(second, pattern(60)) >= 20ms);
    REQUIRE(round_trip(first, pattern(5)) >= 20ms);
    applied = lb.counts("latency_upstream");
    CHECK(applied.connections == 2);
    CHECK(applied.pieces == 3);
    CHECK(applied.bytes == 105);
    CHECK(applied.actions == 3);
    CHECK(lb.counts("latency_downstream").pieces == 0);
}

TEST_CASE("removing a toxic releases the data it holds at once, in order", "[proxies][loopback]") {
    loopback lb;
    lb.add("latency", "downstream", {{"latency", 2000}});
    blocking_client client(lb.port, 2s);
    const std::string first = pattern(30);
    const std::string second = pattern(30, 30);
    const auto start = clock::now();
    REQUIRE(client.send_all(first, 1s));
    std::this_thread::sleep_for(20ms);
    REQUIRE(client.send_all(second, 1s));
    // Both pieces are held once the latency toxic has counted them.
    REQUIRE(test::wait_for([&] { return lb.counts("latency_downstream").bytes == 60; }, 1000ms));
    REQUIRE(lb.server.remove_toxic("p", "latency_downstream"));
    std::string back;
    CHECK(client.read_exactly(60, back, 3s) == read_end::complete);
    const auto took = clock::now() - start;
    INFO("released after " << to_millis(took) << " ms");
    CHECK(back == first + second);
    CHECK(took < 1000ms);  // the toxic would have held them 2 s
}

TEST_CASE("toxic changes never wait on a connection blocked by back-pressure",
          "[proxies][loopback]") {
    loopback lb;
    blocking_client stuck(lb.port, 2s);
    // The client never reads: its receive buffer fills, then the proxy's writes, the echo's
    // writes and reads, and finally the client's own sends block.
    constexpr std::size_t chunk = 1u << 20;
    std::size_t chunks = 0;
    while (chunks < 512 && stuck.send_all(pattern(chunk, chunks * chunk), 300ms))
        ++chunks;
    INFO("blocked after " << chunks << " MiB sent");
    REQUIRE(chunks < 512);
    auto downstream = [&] { return lb.server.find("p")->traffic.bytes_downstream; };
    std::uint64_t seen = downstream();
    CHECK(test::wait_for(
        [&] {
            std::this_thread::sleep_for(100ms);
            const auto now = downstream();
            return std::exchange(seen, now) == now;
        },
        5000ms));
    INFO("stalled after " << seen << " bytes downstream");

    nanoseconds slowest{0};
    auto timed = [&](auto&& call) {
        const auto start = clock::now();
        const bool ok = static_cast<bool>(call());
        slowest = std::max(slowest, nanoseconds(clock::now() - start));
        return ok;
    };
    toxic_request latency;
    latency.type = "latency";
    latency.attributes = {{"latency", 100}};
    toxic_patch patch;
    patch.attributes = {{"jitter", 10}};
    toxic_request bandwidth;
    bandwidth.type = "bandwidth";
    bandwidth.stream = "upstream";
    bandwidth.attributes = {{"rate", 10}};
    for (int round = 0; round < 5; ++round) {
        CHECK(timed([&] { return lb.server.add_toxic("p", latency); }));
        CHECK(timed([&] { return lb.server.add_toxic("p", bandwidth); }));
        CHECK(timed([&] { return lb.server.update_toxic("p", "latency_downstream", patch); }));
        CHECK(timed([&] { return lb.server.remove_toxic("p", "latency_downstream"); }));
        CHECK(timed([&] { return lb.server.remove_toxic("p", "bandwidth_upstream"); }));
    }
    INFO("slowest call " << to_millis(slowest) << " ms");
    CHECK(slowest < 500ms);

    // The data path still works: a new connection echoes, and the stuck one drains in order.
    blocking_client fresh(lb.port, 2s);
    CHECK(round_trip(fresh, "still alive") >= 0s);
    std::string back;
    CHECK(stuck.read_exactly(chunk, back, 5s) == read_end::complete);
    CHECK(back == pattern(chunk));
}
