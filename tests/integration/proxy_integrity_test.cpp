// The proxy never loses, duplicates or reorders a byte: bulk streams both ways while toxics that
// cut, delay and throttle the stream are added and removed under it; and many connections at once.
#include <atomic>
#include <thread>

#include <catch2/catch.hpp>

#include <faultline/proxies/proxy_server.hpp>
#include <faultline/test/blocking_client.hpp>
#include <faultline/test/echo_server.hpp>
#include <faultline/test/support.hpp>
#include <faultline/toxics/toxic_random.hpp>

using namespace faultline;
using namespace faultline::proxies;
using namespace std::chrono_literals;
using test::blocking_client;
using test::read_end;

namespace {

/// A reproducible stream of pseudo-random bytes, generated chunk by chunk.
class byte_stream {
public:
    explicit byte_stream(std::uint64_t seed) : random_(seed) {}
    std::string next(std::size_t n) {
        std::string out(n, '\0');
        for (std::size_t i = 0; i < n; i += 8) {
            std::uint64_t word = random_.next();
            for (std::size_t k = 0; k < 8 && i + k < n; ++k)
                out[i + k] = static_cast<char>(word >> (8 * k));
        }
        return out;
    }

private:
    toxic_random random_;
};

/// Streams `total` bytes through the echo behind `port`, checking every byte that comes back.
/// Returns the offset of the first wrong byte, or `total` when all came back intact.
std::size_t stream_and_check(std::uint16_t port, std::size_t total, std::uint64_t seed) {
    blocking_client client(port, 5s);
    std::atomic<bool> send_ok{true};
    std::thread sender([&] {
        byte_stream source(seed);
        for (std::size_t sent = 0; sent < total && send_ok;) {
            const auto n = std::min<std::size_t>(256 * 1024, total - sent);
            if (!client.send_all(source.next(n), 60s))
                send_ok = false;
            sent += n;
        }
    });
    byte_stream expected(seed);
    std::size_t checked = 0;
    while (checked < total) {
        const auto n = std::min<std::size_t>(256 * 1024, total - checked);
        std::string got;
        if (client.read_exactly(n, got, 60s) != read_end::complete)
            break;
        const std::string want = expected.next(n);
        if (got != want) {
            auto mismatch = std::mismatch(got.begin(), got.end(), want.begin());
            checked += static_cast<std::size_t>(mismatch.first - got.begin());
            break;
        }
        checked += n;
    }
    send_ok = false;
    sender.join();
    return checked;
}

}  // namespace

TEST_CASE("200 MiB each way arrive intact while toxics come and go",
          "[.integration][proxy][integrity]") {
    test::echo_server echo;
    proxy_server server;
    auto created =
        server.create({"bulk", "127.0.0.1:0", "127.0.0.1:" + std::to_string(echo.port()), true});
    REQUIRE(created);
    const auto seed = test::test_seed();
    INFO("seed " << seed);

    std::atomic<bool> done{false};
    std::atomic<int> changes{0};
    std::thread churn([&] {
        toxic_request slicer{
            "", "slicer", "upstream", {}, {{"average_size", 1500}, {"size_variation", 500}},
            {}, seed};
        toxic_request latency{"", "latency", "downstream", {}, {{"latency", 2}, {"jitter", 1}},
                              {}, seed};
        toxic_request bandwidth{"", "bandwidth", "downstream", {}, {{"rate", 200000}}, {}, {}};
        toxic_request slow_upstream{"", "latency", "upstream", 0.5, {{"latency", 1}}, {}, seed};
        const toxic_request* all[] = {&slicer, &latency, &bandwidth, &slow_upstream};
        const char* names[] = {"slicer_upstream", "latency_downstream", "bandwidth_downstream",
                               "latency_upstream"};
        for (int round = 0; !done; ++round) {
            const int i = round % 4;
            if ((round / 4) % 2 == 0)
                (void)server.add_toxic("bulk", *all[i]);
            else
                (void)server.remove_toxic("bulk", names[i]);
            ++changes;
            std::this_thread::sleep_for(20ms);
        }
    });
    const std::size_t total = 200u << 20;
    const auto checked = stream_and_check(test::port_of(created->listen), total, seed);
    done = true;
    churn.join();
    CHECK(checked == total);
    CHECK(changes > 8);  // the toxics really changed during the transfer
    auto view = server.find("bulk");
    REQUIRE(view);
    CHECK(view->traffic.bytes_upstream == total);
    CHECK(view->traffic.bytes_downstream == total);
}

TEST_CASE("100 concurrent connections both ways with no toxic",
          "[.integration][proxy][integrity]") {
    test::echo_server echo;
    proxy_server server;
    auto created =
        server.create({"many", "127.0.0.1:0", "127.0.0.1:" + std::to_string(echo.port()), true});
    REQUIRE(created);
    const auto port = test::port_of(created->listen);
    constexpr int connections = 100;
    constexpr std::size_t each = 2u << 20;
    std::vector<std::size_t> results(connections, 0);
    std::vector<std::thread> threads;
    for (int i = 0; i < connections; ++i)
        threads.emplace_back([&, i] {
            results[static_cast<std::size_t>(i)] =
                stream_and_check(port, each, test::test_seed() + static_cast<std::uint64_t>(i));
        });
    for (auto& t : threads)
        t.join();
    for (int i = 0; i < connections; ++i) {
        INFO("connection " << i);
        CHECK(results[static_cast<std::size_t>(i)] == each);
    }
    auto view = server.find("many");
    REQUIRE(view);
    CHECK(view->traffic.connections_accepted == connections);
    CHECK(
        test::wait_for([&] { return server.find("many")->traffic.connections_open == 0; }, 5000ms));
}
