// --rate-limit: requests over the rate get 503 with Retry-After at once, in-process and end to
// end against the built executable.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include <faultline/sample/server.hpp>
#include <faultline/sample/token_bucket.hpp>
#include <faultline/test/support.hpp>

#include "http_client.hpp"
#include "sample_process.hpp"

using namespace std::chrono_literals;
using faultline::sample::server;
using faultline::sample::testing::http_client;
using faultline::sample::testing::loopback_options;
using faultline::sample::testing::request_text;
using faultline::sample::testing::sample_process;
using steady = std::chrono::steady_clock;

namespace {

// What a paced load saw: statuses counted, and whether every 503 said Retry-After: 1.
struct load_outcome {
    std::atomic<int> ok{0};
    std::atomic<int> limited{0};
    std::atomic<int> other{0};  // any other status, or no answer
    std::atomic<int> limited_without_retry_after{0};
};

// One connection sending GET /static every `interval` from `start` (at once when late),
// `count` times, each after the previous answer.
void paced_connection(std::uint16_t port, steady::time_point start, steady::duration interval,
                      int count, load_outcome& outcome) {
    http_client client(port);
    for (int i = 0; i < count; ++i) {
        std::this_thread::sleep_until(start + i * interval);
        auto got = client.exchange("GET", "/static");
        if (got && got->status == 200) {
            ++outcome.ok;
        } else if (got && got->status == 503) {
            ++outcome.limited;
            if (got->header("Retry-After") != "1")
                ++outcome.limited_without_retry_after;
        } else {
            ++outcome.other;
        }
    }
}

}  // namespace

TEST_CASE("over the rate limit: 503 with Retry-After at once, no worker, /health exempt",
          "[server][rate_limit]") {
    auto options = loopback_options(1, 300ms);
    options.rate_limit = 0.5;  // one token every 2 s, burst 1: the second request is over
    server service(options);
    service.start();

    http_client first(service.port());
    first.send(request_text("GET", "/static"));
    REQUIRE(faultline::test::wait_for([&] { return service.stats().pool.busy == 1; }, 2000ms));

    http_client second(service.port());
    const auto asked = steady::now();
    auto refused = second.exchange("GET", "/items/3");
    REQUIRE(refused.has_value());
    CHECK(refused->status == 503);
    CHECK(refused->header("Retry-After") == "1");
    CHECK(refused->header("Connection") == "keep-alive");
    CHECK(refused->body.size() < 100);
    CHECK_THAT(refused->body, Catch::Contains("rate limit"));
    CHECK(steady::now() - asked < 250ms);  // not after the worker came free
    const auto pool = service.stats().pool;
    CHECK(pool.busy == 1);  // the refused request neither took nor waited for a slot
    CHECK(pool.queued == 0);
    CHECK(pool.rejected == 0);

    // Unknown paths count too; /health never does.
    CHECK(second.exchange("GET", "/nowhere")->status == 503);
    for (int i = 0; i < 20; ++i) {
        auto health = second.exchange("GET", "/health");
        REQUIRE(health.has_value());
        CHECK(health->status == 200);
    }
    CHECK(service.stats().rate_limited == 2);

    auto served = first.read_response(3000ms);
    REQUIRE(served.has_value());
    CHECK(served->status == 200);
    CHECK(service.stats().pool.served == 1);
}

TEST_CASE("without --rate-limit nothing is refused", "[server][rate_limit]") {
    server service(loopback_options(4, 0ms));
    service.start();
    http_client client(service.port());
    for (int i = 0; i < 300; ++i) {
        client.send(request_text("GET", "/static"));
        auto got = client.read_response();
        REQUIRE(got.has_value());
        REQUIRE(got->status == 200);
    }
    CHECK(service.stats().rate_limited == 0);
}

TEST_CASE("the executable with --rate-limit 200 serves about 200/s and refuses the rest",
          "[.integration][process][rate_limit]") {
    constexpr double rate = 200;
    sample_process sample(
        {"--port", "0", "--workers", "8", "--service-time", "1ms", "--rate-limit", "200"});
    auto port = sample.listening_port(5000ms);
    REQUIRE(port.has_value());

    // About 1000 requests in about 1 s over 4 connections: 5 × the limit.
    constexpr int connections = 4;
    constexpr int per_connection = 250;
    load_outcome outcome;
    const auto start = steady::now() + 50ms;  // every connection is open by then
    std::vector<std::thread> clients;
    for (int c = 0; c < connections; ++c) {
        const auto offset = c * 1ms;  // interleaved: one request per ms overall
        clients.emplace_back(
            [&, offset] { paced_connection(*port, start + offset, 4ms, per_connection, outcome); });
    }
    for (auto& client : clients)
        client.join();
    const double elapsed = std::chrono::duration<double>(steady::now() - start).count();

    const int ok = outcome.ok.load();
    const int limited = outcome.limited.load();
    INFO("elapsed " << elapsed << " s, 200: " << ok << ", 503: " << limited);
    CHECK(outcome.other == 0);
    CHECK(ok + limited == connections * per_connection);
    CHECK(outcome.limited_without_retry_after == 0);
    // Never more than the rate over the span plus the burst (and the bucket started full).
    CHECK(ok <= static_cast<int>(rate * elapsed + faultline::sample::default_burst(rate)) + 1);
    // And not far below it: the offered load is 5 × the limit (generous for a loaded machine).
    CHECK(ok >= static_cast<int>(0.6 * rate * std::min(elapsed, 1.0)));
    CHECK(limited >= (connections * per_connection) / 2);
}
