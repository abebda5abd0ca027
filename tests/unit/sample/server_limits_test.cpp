#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include <faultline/sample/http_request.hpp>
#include <faultline/sample/server.hpp>
#include <faultline/test/support.hpp>

#include "http_client.hpp"

using namespace std::chrono_literals;
using faultline::sample::server;
using faultline::sample::testing::http_client;
using faultline::sample::testing::loopback_options;
using faultline::sample::testing::request_text;
using steady = std::chrono::steady_clock;

namespace {

// Waits until the pool shows `busy` holders and `queued` waiters.
bool pool_reaches(const server& service, std::size_t busy, std::size_t queued) {
    return faultline::test::wait_for(
        [&] {
            auto stats = service.stats().pool;
            return stats.busy == busy && stats.queued == queued;
        },
        2000ms);
}

}  // namespace

TEST_CASE("a full queue answers 503 at once, and /health needs no worker", "[server][limits]") {
    server service(loopback_options(1, 500ms, 1));
    service.start();
    http_client holder(service.port());
    holder.send(request_text("GET", "/static"));
    REQUIRE(pool_reaches(service, 1, 0));
    http_client waiter(service.port());
    waiter.send(request_text("GET", "/items/1"));
    REQUIRE(pool_reaches(service, 1, 1));

    http_client refused(service.port());
    const auto asked = steady::now();
    auto busy = refused.exchange("GET", "/static");
    REQUIRE(busy.has_value());
    CHECK(busy->status == 503);
    CHECK(steady::now() - asked < 400ms);              // not after a slot came free
    auto health = refused.exchange("GET", "/health");  // same connection: still open
    REQUIRE(health.has_value());
    CHECK(health->status == 200);
    CHECK(steady::now() - asked < 400ms);

    auto first = holder.read_response(3000ms);
    auto second = waiter.read_response(3000ms);
    REQUIRE(first.has_value());
    REQUIRE(second.has_value());
    CHECK(first->status == 200);
    CHECK(second->status == 200);
    CHECK(service.stats().pool.rejected == 1);
}

TEST_CASE("clients that disconnect while waiting or holding leak no worker", "[server][limits]") {
    server service(loopback_options(1, 100ms, 10));
    service.start();
    {
        http_client holder(service.port());
        holder.send(request_text("GET", "/static"));
        REQUIRE(pool_reaches(service, 1, 0));
        http_client waiter(service.port());
        waiter.send(request_text("GET", "/items/2"));
        REQUIRE(pool_reaches(service, 1, 1));
        holder.close();
        waiter.close();
    }
    REQUIRE(pool_reaches(service, 0, 0));
    // With one worker, a leaked slot would make every later request wait forever.
    http_client later(service.port());
    for (int i = 0; i < 3; ++i) {
        auto got = later.exchange("GET", "/static");
        REQUIRE(got.has_value());
        CHECK(got->status == 200);
    }
    CHECK(faultline::test::wait_for([&] { return service.stats().open == 1; }, 2000ms));
}

TEST_CASE("throughput saturates at workers / service time", "[server][limits][capacity]") {
    // 2 workers of 50 ms: 40 requests per second, whatever the 8 closed-loop clients try.
    constexpr std::size_t workers = 2;
    constexpr auto service_time = 50ms;
    server service(loopback_options(workers, service_time));
    service.start();
    constexpr auto run_time = 1200ms;
    std::atomic<int> completed{0};
    std::atomic<int> failed{0};
    const auto began = steady::now();
    const auto end = began + run_time;
    std::vector<std::thread> clients;
    for (int i = 0; i < 8; ++i) {
        clients.emplace_back([&] {
            try {
                http_client client(service.port());
                while (steady::now() < end) {
                    auto got = client.exchange("GET", "/static");
                    if (!got || got->status != 200) {
                        ++failed;
                        return;
                    }
                    if (steady::now() <= end)
                        ++completed;
                }
            } catch (const std::exception&) {
                ++failed;
            }
        });
    }
    for (auto& c : clients)
        c.join();
    const double elapsed = std::chrono::duration<double>(run_time).count();
    const double capacity =
        static_cast<double>(workers) / std::chrono::duration<double>(service_time).count();
    const double expected = capacity * elapsed;
    INFO("completed " << completed << " in " << elapsed << " s; capacity says " << expected);
    CHECK(failed == 0);
    CHECK(completed >= 0.6 * expected);
    CHECK(completed <= 1.1 * expected);
}

TEST_CASE("oversized requests get 431 or 413 and the connection closes", "[server][limits]") {
    server service(loopback_options(1, 1ms));
    service.start();
    SECTION("a head over 16 KiB") {
        http_client client(service.port());
        const std::string big(faultline::sample::max_head_bytes + 1, 'a');
        client.send("GET /health HTTP/1.1\r\nX-Big: " + big + "\r\n\r\n");
        auto got = client.read_response(2000ms);
        REQUIRE(got.has_value());
        CHECK(got->status == 431);
        CHECK(client.wait_closed(2000ms));
    }
    SECTION("a body over 1 MiB") {
        http_client client(service.port());
        client.send("POST /orders HTTP/1.1\r\nContent-Length: " +
                    std::to_string(faultline::sample::max_body_bytes + 1) + "\r\n\r\n{");
        auto got = client.read_response(2000ms);
        REQUIRE(got.has_value());
        CHECK(got->status == 413);
        CHECK(client.wait_closed(2000ms));
    }
}

TEST_CASE("idle connections are closed, active ones are not", "[server][limits]") {
    auto options = loopback_options(1, 1ms);
    options.idle_timeout = 400ms;
    server service(options);
    service.start();
    SECTION("no request at all") {
        http_client client(service.port());
        const auto began = steady::now();
        CHECK(client.wait_closed(3000ms));
        CHECK(steady::now() - began >= 350ms);
    }
    SECTION("a request, then silence") {
        http_client client(service.port());
        client.send("GET /health HTTP/1.1\r\n");  // never finished
        CHECK(client.wait_closed(3000ms));
    }
    SECTION("requests more often than the timeout keep it open") {
        http_client client(service.port());
        for (int i = 0; i < 5; ++i) {  // 750 ms in all, well past one idle timeout
            auto got = client.exchange("GET", "/health");
            REQUIRE(got.has_value());
            CHECK(got->status == 200);
            std::this_thread::sleep_for(150ms);
        }
        CHECK(service.stats().accepted == 1);
    }
}

TEST_CASE("stop() returns promptly with requests in flight", "[server][limits]") {
    server service(loopback_options(1, 5s));
    service.start();
    http_client holder(service.port());
    holder.send(request_text("GET", "/static"));
    http_client waiter(service.port());
    waiter.send(request_text("GET", "/static"));
    REQUIRE(pool_reaches(service, 1, 1));
    const auto began = steady::now();
    service.stop();
    CHECK(steady::now() - began < 1000ms);
    CHECK(holder.wait_closed(2000ms));
    CHECK(service.stats().open == 0);
    service.stop();  // idempotent
}
