#include <chrono>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include <faultline/core/asio.hpp>
#include <faultline/core/spawn.hpp>
#include <faultline/sample/worker_pool.hpp>
#include <faultline/test/support.hpp>

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;
using faultline::sample::worker_pool;
namespace asio = faultline::asio;

namespace {

// What one serve() call did.
struct outcome {
    std::optional<bool> served;
    steady::time_point finished{};
};

faultline::asio::awaitable<void> serve_into(worker_pool& pool, outcome& out,
                                            std::vector<int>* order, int id) {
    const bool served = co_await pool.serve();
    out.served = served;
    out.finished = steady::now();
    if (order != nullptr && served)
        order->push_back(id);
}

void start(asio::io_context& ioc, worker_pool& pool, outcome& out,
           std::vector<int>* order = nullptr, int id = 0) {
    faultline::core::spawn(ioc.get_executor(), serve_into(pool, out, order, id),
                           "worker_pool_test serve");
}

bool all_done(const std::vector<outcome>& outcomes) {
    for (const auto& o : outcomes) {
        if (!o.served)
            return false;
    }
    return true;
}

}  // namespace

TEST_CASE("a free slot is held for the service time, then released", "[worker_pool]") {
    worker_pool pool(2, 10, 30ms);
    asio::io_context ioc;  // after the pool: frames referring to it go first
    outcome out;
    const auto began = steady::now();
    start(ioc, pool, out);
    REQUIRE(faultline::test::run_until(
        ioc, [&] { return out.served.has_value(); }, 2000ms));
    CHECK(*out.served);
    CHECK(out.finished - began >= 30ms);
    auto stats = pool.stats();
    CHECK(stats.busy == 0);
    CHECK(stats.queued == 0);
    CHECK(stats.served == 1);
}

TEST_CASE("waiters get slots in arrival order", "[worker_pool]") {
    worker_pool pool(1, 100, 5ms);
    asio::io_context ioc;  // after the pool: frames referring to it go first
    std::vector<outcome> outcomes(8);
    std::vector<int> order;
    for (int i = 0; i < 8; ++i)
        start(ioc, pool, outcomes[static_cast<std::size_t>(i)], &order, i);
    REQUIRE(faultline::test::run_until(
        ioc, [&] { return all_done(outcomes); }, 5000ms));
    CHECK(order == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7});
}

TEST_CASE("beyond the queue limit a request is rejected at once", "[worker_pool]") {
    auto [queue_limit, rejected] =
        GENERATE(table<std::size_t, std::size_t>({{0, 2}, {1, 1}, {2, 0}}));
    INFO("queue limit " << queue_limit);
    worker_pool pool(1, queue_limit, 200ms);
    asio::io_context ioc;  // after the pool: frames referring to it go first
    std::vector<outcome> outcomes(3);
    const auto began = steady::now();
    for (auto& o : outcomes)
        start(ioc, pool, o);
    // Rejections are decided on admission, long before the first slot comes back.
    faultline::test::run_until(
        ioc, [&] { return pool.stats().rejected == rejected; }, 150ms);
    CHECK(pool.stats().rejected == rejected);
    CHECK(steady::now() - began < 200ms);
    REQUIRE(faultline::test::run_until(
        ioc, [&] { return all_done(outcomes); }, 5000ms));
    std::size_t refused = 0;
    for (const auto& o : outcomes)
        refused += *o.served ? 0 : 1;
    CHECK(refused == rejected);
    CHECK(pool.stats().served == 3 - rejected);
}

TEST_CASE("throughput is workers / service time, whatever the timer overshoot", "[worker_pool]") {
    // 40 requests on 4 slots of 10 ms: 10 rounds. Deadlines chain, so the last one finishes at
    // 100 ms after the start at the earliest; overshoot does not add up round after round.
    worker_pool pool(4, 100, 10ms);
    asio::io_context ioc;  // after the pool: frames referring to it go first
    std::vector<outcome> outcomes(40);
    const auto began = steady::now();
    for (auto& o : outcomes)
        start(ioc, pool, o);
    REQUIRE(faultline::test::run_until(
        ioc, [&] { return all_done(outcomes); }, 5000ms));
    steady::time_point last = began;
    for (const auto& o : outcomes) {
        CHECK(*o.served);
        last = std::max(last, o.finished);
    }
    CHECK(last - began >= 100ms);
    CHECK(last - began < 1000ms);  // generous: a loaded CI machine
    CHECK(pool.stats().served == 40);
}

TEST_CASE("a hand-over starts at the previous deadline unless it is very late", "[worker_pool]") {
    using faultline::sample::handover_start;
    const steady::time_point deadline{10s};
    auto [late, limit, starts_at_deadline] =
        GENERATE(table<faultline::nanoseconds, faultline::nanoseconds, bool>({
            {0ms, 5ms, true},
            {100us, 5ms, true},  // ordinary timer overshoot
            {4999us, 5ms, true},
            {5ms, 5ms, false},  // a stall: start afresh
            {2s, 5ms, false},   // the process was paused
            {40ms, 50ms, true},
        }));
    INFO("late by " << late.count() << " ns, limit " << limit.count() << " ns");
    const auto start = handover_start(deadline, deadline + late, limit);
    CHECK(start == (starts_at_deadline ? deadline : deadline + late));
}

TEST_CASE("a waiter that runs late still ends at its slot's deadline", "[worker_pool]") {
    // Each finished request stalls the io thread for 15 ms, so every new holder starts running
    // 15 ms after its slot was handed over. Its deadline is fixed at the hand-over: 10 requests
    // of 30 ms end near 300 ms. Were the service time counted from when the holder ran, they
    // would end near 450 ms.
    worker_pool pool(1, 100, 30ms);
    asio::io_context ioc;
    std::vector<outcome> outcomes(10);
    const auto began = steady::now();
    for (auto& o : outcomes) {
        auto stalling = [](worker_pool& p, outcome& out) -> asio::awaitable<void> {
            co_await serve_into(p, out, nullptr, 0);
            std::this_thread::sleep_for(15ms);
        };
        faultline::core::spawn(ioc.get_executor(), stalling(pool, o), "worker_pool_test stall");
    }
    REQUIRE(faultline::test::run_until(
        ioc, [&] { return all_done(outcomes); }, 5000ms));
    steady::time_point last = began;
    for (const auto& o : outcomes)
        last = std::max(last, o.finished);
    CHECK(last - began >= 300ms);
    CHECK(last - began < 390ms);
}

TEST_CASE("a coroutine destroyed while waiting or holding gives its place back", "[worker_pool]") {
    worker_pool pool(1, 10, 100ms);
    asio::io_context survivor_ioc;
    outcome survivor;
    {
        auto holder_ioc = std::make_unique<asio::io_context>();
        auto queued_ioc = std::make_unique<asio::io_context>();
        outcome holder;
        outcome queued;
        start(*holder_ioc, pool, holder);
        faultline::test::run_until(
            *holder_ioc, [&] { return pool.stats().busy == 1; }, 1000ms);
        start(*queued_ioc, pool, queued);
        faultline::test::run_until(
            *queued_ioc, [&] { return pool.stats().queued == 1; }, 1000ms);
        start(survivor_ioc, pool, survivor);
        faultline::test::run_until(
            survivor_ioc, [&] { return pool.stats().queued == 2; }, 1000ms);
        REQUIRE(pool.stats().busy == 1);
        REQUIRE(pool.stats().queued == 2);
        queued_ioc.reset();  // the queued coroutine's frame goes: its place must go too
        CHECK(pool.stats().queued == 1);
        holder_ioc.reset();  // the holder's frame goes: its slot passes to the survivor
        CHECK(pool.stats().busy == 1);
        CHECK(pool.stats().queued == 0);
        CHECK_FALSE(holder.served.has_value());
    }
    REQUIRE(faultline::test::run_until(
        survivor_ioc, [&] { return survivor.served.has_value(); }, 2000ms));
    CHECK(*survivor.served);
    auto stats = pool.stats();
    CHECK(stats.busy == 0);
    CHECK(stats.served == 1);  // only the survivor held a slot for the full service time
}

TEST_CASE("a closed pool rejects and hands nothing over", "[worker_pool]") {
    worker_pool pool(1, 10, 10ms);
    asio::io_context ioc;  // after the pool: frames referring to it go first
    pool.close();
    outcome out;
    start(ioc, pool, out);
    REQUIRE(faultline::test::run_until(
        ioc, [&] { return out.served.has_value(); }, 1000ms));
    CHECK_FALSE(*out.served);
    CHECK(pool.stats().busy == 0);
}
