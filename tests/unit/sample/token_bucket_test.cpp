// The rate limiter's decision on manual times: no clock, no server.
#include <chrono>
#include <cmath>
#include <cstddef>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include <faultline/sample/token_bucket.hpp>
#include <faultline/test/support.hpp>

using namespace std::chrono_literals;
using steady = faultline::clock;
using faultline::sample::default_burst;
using faultline::sample::token_bucket;

namespace {

const steady::time_point t0 = steady::time_point{} + 1h;  // any origin will do

// Offers one request every `step` from t0 for `seconds`; returns how many were admitted in
// each whole second.
std::vector<int> admitted_per_second(token_bucket& bucket, steady::duration step, int seconds) {
    std::vector<int> counts(static_cast<std::size_t>(seconds), 0);
    for (auto t = t0; t < t0 + std::chrono::seconds(seconds); t += step) {
        if (bucket.try_take(t))
            ++counts[static_cast<std::size_t>((t - t0) / 1s)];
    }
    return counts;
}

}  // namespace

TEST_CASE("the burst is max(1, rate / 100)", "[token_bucket]") {
    CHECK(default_burst(0.5) == 1.0);
    CHECK(default_burst(50) == 1.0);
    CHECK(default_burst(100) == 1.0);
    CHECK(default_burst(200) == 2.0);
    CHECK(default_burst(10000) == 100.0);
    const token_bucket bucket(200, default_burst(200), t0);
    CHECK(bucket.rate() == 200.0);
    CHECK(bucket.burst() == 2.0);
}

TEST_CASE("a steady over-rate admits exactly the rate each second", "[token_bucket]") {
    auto [rate, step] = GENERATE(table<double, steady::duration>({
        {200, 1ms},     // 5 × the rate
        {200, 4ms},     // 1.25 ×
        {1000, 200us},  // 5 ×, burst 10
        {10000, 10us},  // 10 ×, burst 100
        {1, 100ms},     // 10 ×, burst 1
    }));
    INFO("rate " << rate << "/s, one request every " << step.count() << " ns");
    token_bucket bucket(rate, default_burst(rate), t0);
    const auto counts = admitted_per_second(bucket, step, 10);
    const int per_second = static_cast<int>(rate);
    // The first second also spends the full bucket it started with.
    CHECK(counts[0] >= per_second);
    CHECK(counts[0] <= per_second + static_cast<int>(bucket.burst()));
    for (std::size_t second = 1; second < counts.size(); ++second) {
        INFO("second " << second);
        CHECK(counts[second] == per_second);
    }
}

TEST_CASE("below the rate everything is admitted", "[token_bucket]") {
    token_bucket bucket(200, default_burst(200), t0);
    const auto spaced = admitted_per_second(bucket, 6ms, 5);  // 166.7/s
    for (int count : spaced)
        CHECK(count >= 166);
    // Pairs 10 ms apart: 200/s on average, each pair within the burst of 2.
    token_bucket paired(200, default_burst(200), t0);
    int admitted = 0;
    for (auto t = t0; t < t0 + 5s; t += 10ms)
        admitted += int{paired.try_take(t)} + int{paired.try_take(t)};
    CHECK(admitted == 1000);
}

TEST_CASE("a burst after a long idle gets at most the burst", "[token_bucket]") {
    auto rate = GENERATE(0.5, 50.0, 200.0, 250.0, 10000.0);
    INFO("rate " << rate);
    token_bucket bucket(rate, default_burst(rate), t0);
    const int expected = static_cast<int>(std::floor(default_burst(rate)));
    for (std::chrono::seconds idle : {0s, 3600s, 7200s}) {
        int admitted = 0;
        for (int i = 0; i < 1000; ++i)
            admitted += int{bucket.try_take(t0 + idle)};
        CHECK(admitted == expected);
    }
    // The next token comes when the fraction of a token the burst left has grown to one.
    const double left = default_burst(rate) - std::floor(default_burst(rate));
    const auto next = std::chrono::nanoseconds(static_cast<long long>((1 - left) * 1e9 / rate));
    CHECK_FALSE(bucket.try_take(t0 + 2h + next - 1us));
    CHECK(bucket.try_take(t0 + 2h + next + 1us));
    CHECK_FALSE(bucket.try_take(t0 + 2h + next + 2us));
}

TEST_CASE("random over-rate arrivals never beat rate × span + burst", "[token_bucket]") {
    const auto seed = faultline::test::test_seed();
    INFO("seed " << seed);
    std::mt19937_64 random(seed);
    const double rate = 200;
    std::exponential_distribution<double> gap_s(1000.0);  // Poisson arrivals at 5 × the rate
    token_bucket bucket(rate, default_burst(rate), t0);
    std::vector<double> admitted_at;  // seconds since t0
    double t = 0;
    while (t < 10.0) {
        if (bucket.try_take(t0 + std::chrono::nanoseconds(static_cast<long long>(t * 1e9))))
            admitted_at.push_back(t);
        t += gap_s(random);
    }
    // Over the whole run: near the rate (a Poisson stream at 5 × leaves few tokens unused).
    CHECK(admitted_at.size() <= 2002);
    CHECK(admitted_at.size() >= 1900);
    // Over every span between two admissions: at most rate × span + burst.
    for (std::size_t i = 0; i < admitted_at.size(); ++i) {
        for (std::size_t j = i + 1; j < admitted_at.size(); ++j) {
            const double span = admitted_at[j] - admitted_at[i];
            if (static_cast<double>(j - i + 1) > rate * span + bucket.burst() + 1e-6) {
                FAIL("admissions " << i << ".." << j << " within " << span << " s");
            }
        }
    }
}

TEST_CASE("an earlier arrival time finds fewer tokens, never more", "[token_bucket]") {
    token_bucket bucket(1, 1, t0);  // one request per second, no burst
    CHECK(bucket.try_take(t0 + 10s));
    CHECK_FALSE(bucket.try_take(t0 + 9s));  // from a thread that read the clock earlier
    CHECK_FALSE(bucket.try_take(t0 + 10s + 999ms));
    CHECK(bucket.try_take(t0 + 11s));
}

TEST_CASE("a fractional rate spaces admissions by its interval", "[token_bucket]") {
    token_bucket bucket(0.5, default_burst(0.5), t0);  // one per 2 s
    const auto counts = admitted_per_second(bucket, 100ms, 20);
    int total = 0;
    for (std::size_t second = 0; second < counts.size(); ++second) {
        INFO("second " << second);
        CHECK(counts[second] == (second % 2 == 0 ? 1 : 0));
        total += counts[second];
    }
    CHECK(total == 10);
}
