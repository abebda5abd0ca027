// --leak-per-request: resident memory grows by about requests × bytes, and not at all with 0.
#include <cstddef>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include <faultline/sample/memory_leak.hpp>
#include <faultline/sample/server.hpp>

#include "http_client.hpp"
#include "resident_memory.hpp"
#include "sample_process.hpp"

using namespace std::chrono_literals;
using faultline::sample::memory_leak;
using faultline::sample::server;
using faultline::sample::testing::http_client;
using faultline::sample::testing::loopback_options;
using faultline::sample::testing::own_resident_bytes;
using faultline::sample::testing::resident_bytes_of;
using faultline::sample::testing::sample_process;

namespace {

constexpr std::uint64_t mib = 1024 * 1024;

// Resident bytes now; fails the test when /proc cannot tell.
std::uint64_t rss() {
    auto bytes = own_resident_bytes();
    REQUIRE(bytes.has_value());
    return *bytes;
}

// Growth is "about" the leak: at least 80 % of it (pages of the last chunk may be partly
// filled) and at most 150 % plus 4 MiB (allocator and sanitizer bookkeeping, other threads).
void check_about(std::uint64_t before, std::uint64_t after, std::uint64_t leaked) {
    INFO("RSS before " << before / 1024 << " KiB, after " << after / 1024 << " KiB, leaked "
                       << leaked / 1024 << " KiB");
    REQUIRE(after >= before);
    const std::uint64_t grown = after - before;
    CHECK(grown >= leaked / 10 * 8);
    CHECK(grown <= leaked / 2 * 3 + 4 * mib);
}

}  // namespace

TEST_CASE("a memory leak keeps what it takes, resident", "[memory_leak]") {
    auto bytes = GENERATE(std::size_t{4096}, std::size_t{1000}, std::size_t{3 * mib});
    INFO("bytes per request " << bytes);
    const std::uint64_t target = 48 * mib;
    const std::uint64_t calls = target / bytes;
    memory_leak leak(bytes);
    const auto before = rss();
    for (std::uint64_t i = 0; i < calls; ++i)
        leak.leak_one();
    CHECK(leak.leaked_bytes() == calls * bytes);
    check_about(before, rss(), calls * bytes);
}

TEST_CASE("a zero memory leak takes nothing", "[memory_leak]") {
    memory_leak leak(0);
    const auto before = rss();
    for (int i = 0; i < 100000; ++i)
        leak.leak_one();
    CHECK(leak.leaked_bytes() == 0);
    CHECK(rss() < before + 4 * mib);
}

TEST_CASE("a memory leak counts every call from several threads", "[memory_leak]") {
    memory_leak leak(1000);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 5000; ++i)
                leak.leak_one();
        });
    }
    for (auto& thread : threads)
        thread.join();
    CHECK(leak.leaked_bytes() == 4u * 5000u * 1000u);
}

TEST_CASE("the server leaks per request served, but not for /health", "[server][memory_leak]") {
    constexpr int requests = 200;
    auto leak = GENERATE(std::size_t{0}, std::size_t{256 * 1024});
    INFO("--leak-per-request " << leak);
    auto options = loopback_options(4, 0ms);
    options.leak_per_request = leak;
    server service(options);
    service.start();
    http_client client(service.port());
    REQUIRE(client.exchange("GET", "/static")->status == 200);  // connection and first buffers
    const auto start_leaked = service.stats().leaked_bytes;

    const auto before = rss();
    for (int i = 0; i < requests; ++i) {
        const std::string path = i % 2 == 0 ? "/static" : "/items/" + std::to_string(i);
        auto got = client.exchange("GET", path);
        REQUIRE(got.has_value());
        REQUIRE(got->status == 200);
        REQUIRE(client.exchange("GET", "/health")->status == 200);
    }
    const auto after = rss();
    const std::uint64_t leaked = service.stats().leaked_bytes - start_leaked;
    CHECK(leaked == requests * leak);  // /health did not count
    if (leak == 0) {
        CHECK(after < before + 4 * mib);
    } else {
        check_about(before, after, leaked);
    }
}

TEST_CASE("the executable with --leak-per-request grows its RSS by about requests × bytes",
          "[.integration][process][memory_leak]") {
    constexpr int requests = 64;
    auto leak = GENERATE(std::uint64_t{0}, mib);
    INFO("--leak-per-request " << leak);
    const std::vector<std::string> args{
        "--port", "0", "--service-time", "0ms", "--leak-per-request", std::to_string(leak)};
    sample_process sample(args);
    auto port = sample.listening_port(5000ms);
    REQUIRE(port.has_value());
    http_client client(*port);
    REQUIRE(client.exchange("GET", "/static")->status == 200);
    const auto before = resident_bytes_of(sample.pid());
    REQUIRE(before.has_value());
    for (int i = 0; i < requests; ++i)
        REQUIRE(client.exchange("GET", "/static")->status == 200);
    const auto after = resident_bytes_of(sample.pid());
    REQUIRE(after.has_value());
    if (leak == 0) {
        CHECK(*after < *before + 4 * mib);
    } else {
        check_about(*before, *after, requests * leak);
    }
}
