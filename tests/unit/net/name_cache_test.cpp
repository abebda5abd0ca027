// The name cache with a resolver the test controls: literals at once, one resolution for all
// the attempts waiting on a name, round-robin over its addresses, the TTL, failures, deadlines
// and cancellation.
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include <boost/asio/detached.hpp>
#include <catch2/catch.hpp>

#include <faultline/net/name_cache.hpp>

using namespace faultline;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

// Answers "svc.test" with two addresses, anything else with an error; can hold its answers
// until released.
struct scripted_resolver {
    std::atomic<int> calls{0};
    std::mutex mutex;
    std::condition_variable released;
    bool hold = false;

    net::resolve_function function() {
        return
            [this](
                const std::string& host) -> expected<std::vector<asio::ip::address>, std::string> {
                ++calls;
                std::unique_lock lock(mutex);
                released.wait(lock, [&] { return !hold; });
                if (host != "svc.test")
                    return make_unexpected(std::string("Name or service not known"));
                return std::vector<asio::ip::address>{asio::ip::make_address("10.0.0.1"),
                                                      asio::ip::make_address("10.0.0.2")};
            };
    }
    void release() {
        std::lock_guard lock(mutex);
        hold = false;
        released.notify_all();
    }
};

// Runs `lookups` attempts for `host` concurrently on one io_context and returns their answers.
std::vector<net::dial_target> dial(net::name_cache& cache, const std::string& host, int lookups,
                                   nanoseconds wait = 2s,
                                   const std::function<void()>& while_waiting = {}) {
    asio::io_context ioc;
    std::vector<net::dial_target> answers(static_cast<std::size_t>(lookups));
    std::vector<std::unique_ptr<asio::steady_timer>> signals;
    for (int i = 0; i < lookups; ++i) {
        signals.push_back(std::make_unique<asio::steady_timer>(ioc));
        asio::steady_timer* signal = signals.back().get();
        asio::co_spawn(
            ioc,
            [&, i, signal]() -> asio::awaitable<void> {
                answers[static_cast<std::size_t>(i)] =
                    co_await cache.next(host, 443, clock::now() + wait, *signal);
            },
            asio::detached);
    }
    if (while_waiting) {
        ioc.run_for(50ms);
        while_waiting();
    }
    ioc.run();
    return answers;
}

}  // namespace

TEST_CASE("literal addresses and localhost never wait for a resolver", "[net][names]") {
    scripted_resolver dns;
    net::name_cache cache({30s, net::family_policy::any, dns.function()});
    const auto v6 = dial(cache, "fd00::9", 1)[0];
    REQUIRE(v6.endpoint);
    CHECK(v6.endpoint->address().to_string() == "fd00::9");
    CHECK_FALSE(v6.resolved);
    CHECK(dial(cache, "localhost", 1)[0].endpoint->address().to_string() == "127.0.0.1");
    CHECK(dns.calls == 0);
}

TEST_CASE("a name is resolved once for every attempt waiting, then handed out round-robin",
          "[net][names]") {
    scripted_resolver dns;
    dns.hold = true;
    net::name_cache cache({30s, net::family_policy::any, dns.function()});
    const auto first = dial(cache, "svc.test", 6, 2s, [&] { dns.release(); });
    CHECK(dns.calls == 1);
    std::map<std::string, int> spread;
    for (const auto& a : first) {
        REQUIRE(a.endpoint);
        CHECK(a.resolved);
        CHECK(a.endpoint->port() == 443);
        ++spread[a.endpoint->address().to_string()];
    }
    CHECK(spread == std::map<std::string, int>{{"10.0.0.1", 3}, {"10.0.0.2", 3}});
    // Within the TTL: from the cache, still alternating.
    const auto again = dial(cache, "svc.test", 2);
    CHECK(dns.calls == 1);
    CHECK_FALSE(again[0].resolved);
    CHECK(again[0].endpoint->address() != again[1].endpoint->address());
}

TEST_CASE("a TTL of zero resolves at every attempt", "[net][names]") {
    scripted_resolver dns;
    net::name_cache cache({0s, net::family_policy::any, dns.function()});
    dial(cache, "svc.test", 1);
    dial(cache, "svc.test", 1);
    dial(cache, "svc.test", 1);
    CHECK(dns.calls == 3);
}

TEST_CASE("a failed name is an error, remembered for a moment", "[net][names]") {
    scripted_resolver dns;
    net::name_cache cache({30s, net::family_policy::any, dns.function()});
    const auto failed = dial(cache, "missing.test", 1)[0];
    CHECK_FALSE(failed.endpoint);
    CHECK(failed.error == "Name or service not known");
    CHECK(failed.resolved);
    CHECK_FALSE(dial(cache, "missing.test", 1)[0].endpoint);
    CHECK(dns.calls == 1);  // cached for min(ttl, 1 s)
    std::this_thread::sleep_for(1100ms);
    dial(cache, "missing.test", 1);
    CHECK(dns.calls == 2);
}

TEST_CASE("a resolver that does not answer ends each wait at its deadline or its cancel",
          "[net][names]") {
    scripted_resolver dns;
    dns.hold = true;
    net::name_cache cache({30s, net::family_policy::any, dns.function()});
    const auto start = clock::now();
    const auto late = dial(cache, "svc.test", 2, 200ms);
    CHECK(clock::now() - start < 1500ms);
    for (const auto& a : late) {
        CHECK_FALSE(a.endpoint);
        CHECK(a.error == "no answer in time");
    }
    {
        asio::io_context ioc;
        asio::steady_timer signal(ioc);
        net::dial_target answer;
        asio::co_spawn(
            ioc,
            [&]() -> asio::awaitable<void> {
                answer = co_await cache.next("svc.test", 1, clock::now() + 10s, signal);
            },
            asio::detached);
        ioc.run_for(50ms);
        signal.cancel();  // what a closing session does
        ioc.run();
        CHECK(answer.error == "cancelled");
    }
    dns.release();
    // The late answer still fills the cache for later attempts.
    std::this_thread::sleep_for(100ms);
    CHECK(dial(cache, "svc.test", 1)[0].endpoint.has_value());
    CHECK(dns.calls == 1);
}
