#include <algorithm>
#include <cstdint>
#include <random>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include <faultline/stats/histogram.hpp>
#include <faultline/test/support.hpp>

#include "samples.hpp"

using namespace std::chrono_literals;
using faultline::nanoseconds;
using faultline::stats::histogram;
using faultline::stats::test::shape;

namespace {

using bucket = std::tuple<nanoseconds, nanoseconds, std::uint64_t>;

std::vector<bucket> buckets_of(const histogram& h) {
    std::vector<bucket> out;
    h.for_each([&](nanoseconds low, nanoseconds high, std::uint64_t n) {
        out.emplace_back(low, high, n);
    });
    return out;
}

// True when `reported` is within the 3-digit precision of `exact`: no more than 1/1000 away.
bool within_precision(nanoseconds reported, nanoseconds exact) {
    const auto diff = reported > exact ? reported - exact : exact - reported;
    return diff.count() * 1000 <= exact.count();
}

}  // namespace

TEST_CASE("percentiles match exact percentiles of sorted data within 3 digits", "[histogram]") {
    const auto s = GENERATE(shape::log_uniform_1us_10s, shape::uniform_5ms, shape::normal_2ms,
                            shape::log_normal_2ms, shape::exponential_1ms, shape::below_2us);
    const auto n = GENERATE(std::size_t{1}, std::size_t{7}, std::size_t{1000}, std::size_t{20011});
    const auto seed = faultline::test::test_seed();
    INFO("seed " << seed << ", " << faultline::stats::test::name_of(s) << ", n " << n);
    std::mt19937_64 rng(seed);
    auto values = faultline::stats::test::draw(s, n, rng);
    histogram h;
    for (auto v : values) {
        h.record(v);
    }
    std::sort(values.begin(), values.end());
    REQUIRE(h.count() == n);

    // Percentiles in hundredths of a percent, so the exact rank is integer arithmetic.
    for (std::uint64_t k : {1, 10, 100, 1000, 2500, 5000, 7500, 9000, 9900, 9990, 9999, 10000}) {
        const auto rank = std::max<std::uint64_t>(1, (k * n + 9999) / 10000);
        const auto exact = values[rank - 1];
        const auto reported = h.percentile(static_cast<double>(k) / 100.0);
        INFO("p" << static_cast<double>(k) / 100.0 << " exact " << exact.count() << " reported "
                 << reported.count());
        CHECK(reported >= exact);
        CHECK(within_precision(reported, exact));
        CHECK(reported == histogram::highest_equivalent(exact));
        if (exact < 2048ns) {
            CHECK(reported == exact);
        }
    }
    CHECK(h.percentile(0) == h.min());
    CHECK(h.percentile(-5) == h.min());
    CHECK(h.percentile(250) == h.max());
}

TEST_CASE("min, max and mean are within 3 digits of the exact ones", "[histogram]") {
    const auto s = GENERATE(shape::log_uniform_1us_10s, shape::log_normal_2ms, shape::below_2us);
    const auto seed = faultline::test::test_seed();
    INFO("seed " << seed << ", " << faultline::stats::test::name_of(s));
    std::mt19937_64 rng(seed);
    const auto values = faultline::stats::test::draw(s, 5000, rng);
    histogram h;
    long double sum = 0;
    for (auto v : values) {
        h.record(v);
        sum += static_cast<long double>(v.count());
    }
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    const nanoseconds mean(static_cast<nanoseconds::rep>(sum / values.size()));
    CHECK(h.min() <= *lo);
    CHECK(within_precision(h.min(), *lo));
    CHECK(h.max() >= *hi);
    CHECK(within_precision(h.max(), *hi));
    CHECK(within_precision(h.mean(), mean));
}

TEST_CASE("an empty histogram reports zeros", "[histogram]") {
    const histogram h;
    CHECK(h.empty());
    CHECK(h.count() == 0);
    CHECK(h.min() == 0ns);
    CHECK(h.max() == 0ns);
    CHECK(h.mean() == 0ns);
    CHECK(h.percentile(50) == 0ns);
    CHECK(buckets_of(h).empty());
}

TEST_CASE("exact values below 2048 ns and a hand-checked mean", "[histogram]") {
    histogram h;
    h.record(1000ns);
    h.record(1500ns);
    h.record(2000ns);
    CHECK(h.min() == 1000ns);
    CHECK(h.max() == 2000ns);
    CHECK(h.mean() == 1500ns);
    CHECK(h.percentile(50) == 1500ns);
    CHECK(h.percentile(66.7) == 2000ns);
    CHECK(buckets_of(h) ==
          std::vector<bucket>{{1000ns, 1000ns, 1}, {1500ns, 1500ns, 1}, {2000ns, 2000ns, 1}});
}

TEST_CASE("values clamp at 0 and at 60 s", "[histogram]") {
    histogram h;
    h.record(-5ns);
    h.record(nanoseconds::min());
    CHECK(h.count() == 2);
    CHECK(h.max() == 0ns);
    CHECK(h.percentile(100) == 0ns);
    h.record(61s);
    h.record(24h);
    h.record(nanoseconds::max());
    CHECK(h.count() == 5);
    CHECK(h.max() == 60s);
    CHECK(h.percentile(100) == 60s);
    CHECK(h.percentile(50) == 60s);
    CHECK(h.min() == 0ns);
    CHECK(buckets_of(h).back() ==
          bucket{histogram::lowest_equivalent(60s), histogram::highest_equivalent(60s), 3});
}

TEST_CASE("every value lies in a bucket at most value/1024 wide", "[histogram]") {
    for (double v = 1; v <= 60e9; v *= 1.013) {
        const nanoseconds value(static_cast<nanoseconds::rep>(v));
        const auto low = histogram::lowest_equivalent(value);
        const auto high = histogram::highest_equivalent(value);
        INFO(value.count());
        REQUIRE(low <= value);
        REQUIRE(value <= high);
        REQUIRE((high - low + 1ns).count() * 1024 <=
                std::max<nanoseconds::rep>(1024, value.count()));
    }
}

TEST_CASE("for_each lists buckets in ascending order with their counts", "[histogram]") {
    histogram h;
    h.record_n(3ms, 4);
    h.record(10us);
    h.record(3ms + 100ns);  // same bucket as 3 ms: 2 us wide there
    const auto b = buckets_of(h);
    REQUIRE(b.size() == 2);
    CHECK(std::get<0>(b[0]) == 10us);
    CHECK(std::get<2>(b[0]) == 1);
    CHECK(std::get<0>(b[1]) <= 3ms);
    CHECK(std::get<1>(b[1]) >= 3ms + 100ns);
    CHECK(std::get<2>(b[1]) == 5);
}

TEST_CASE("record_n equals n records and record_n of 0 does nothing", "[histogram]") {
    histogram many;
    histogram one_by_one;
    many.record_n(2500us, 7);
    for (int i = 0; i < 7; ++i) {
        one_by_one.record(2500us);
    }
    CHECK(many == one_by_one);
    many.record_n(1h, 0);
    many.record_n(1ns, 0);
    CHECK(many == one_by_one);
    CHECK(many.max() == one_by_one.max());
    CHECK(many.min() == one_by_one.min());
}

TEST_CASE("merge equals recording everything into one histogram", "[histogram]") {
    const auto seed = faultline::test::test_seed();
    INFO("seed " << seed);
    std::mt19937_64 rng(seed);
    const auto a = faultline::stats::test::draw(shape::log_uniform_1us_10s, 3000, rng);
    const auto b = faultline::stats::test::draw(shape::log_normal_2ms, 3000, rng);
    histogram all;
    histogram first;
    histogram second;
    for (auto v : a) {
        all.record(v);
        first.record(v);
    }
    for (auto v : b) {
        all.record(v);
        second.record(v);
    }
    first.merge(second);
    CHECK(first == all);
    CHECK(buckets_of(first) == buckets_of(all));
    CHECK(first.count() == all.count());
    CHECK(first.min() == all.min());
    CHECK(first.max() == all.max());
    CHECK(first.mean() == all.mean());
    CHECK(first.percentile(99.9) == all.percentile(99.9));

    SECTION("merging an empty histogram changes nothing") {
        first.merge(histogram{});
        CHECK(first == all);
    }
    SECTION("merging into itself doubles every count") {
        const auto before = buckets_of(all);
        all.merge(all);
        const auto after = buckets_of(all);
        REQUIRE(after.size() == before.size());
        for (std::size_t i = 0; i < after.size(); ++i) {
            CHECK(std::get<2>(after[i]) == 2 * std::get<2>(before[i]));
        }
    }
}

TEST_CASE("reset empties and the histogram records again", "[histogram]") {
    histogram h;
    h.record(1ns);
    h.record(59s);
    h.record(3ms);
    h.reset();
    CHECK(h.empty());
    CHECK(h.max() == 0ns);
    CHECK(buckets_of(h).empty());
    h.record(42us);
    histogram fresh;
    fresh.record(42us);
    CHECK(h == fresh);
    CHECK(h.min() == histogram::lowest_equivalent(42us));
    CHECK(h.max() == histogram::highest_equivalent(42us));
}

// HdrHistogram's raw-versus-corrected fixture, scaled to fit under 60 s: 10,000 requests of 1 ms
// each, expected every 10 ms, then one stall of 10 s. Corrected, the stall stands for the 999
// requests that should have been sent during it: 10 ms, 20 ms, ..., 9.99 s (plus the 10 s one).
TEST_CASE("record_corrected fills in the samples a stall hid", "[histogram]") {
    histogram raw;
    histogram corrected;
    for (int i = 0; i < 10'000; ++i) {
        raw.record(1ms);
        corrected.record_corrected(1ms, 10ms);
    }
    raw.record(10s);
    corrected.record_corrected(10s, 10ms);

    CHECK(raw.count() == 10'001);
    CHECK(raw.percentile(99.99) == histogram::highest_equivalent(1ms));
    CHECK(raw.percentile(100) == histogram::highest_equivalent(10s));

    CHECK(corrected.count() == 11'000);
    CHECK(corrected.percentile(50) == histogram::highest_equivalent(1ms));
    CHECK(corrected.percentile(90) == histogram::highest_equivalent(1ms));     // rank 9,900
    CHECK(corrected.percentile(95) == histogram::highest_equivalent(4500ms));  // rank 10,450
    CHECK(corrected.percentile(99) == histogram::highest_equivalent(8900ms));  // rank 10,890
    CHECK(corrected.max() == histogram::highest_equivalent(10s));
    // (10,000 * 1 ms + 10 ms * (1 + 2 + ... + 1000)) / 11,000 = 455.909 ms
    const auto mean = corrected.mean();
    CHECK(mean >= 455'450us);
    CHECK(mean <= 456'365us);

    // Every multiple of 10 ms up to 10 s is there exactly once.
    std::uint64_t stalled = 0;
    corrected.for_each([&](nanoseconds low, nanoseconds high, std::uint64_t n) {
        if (low < 5ms) {
            CHECK(n == 10'000);
            return;
        }
        const auto multiples = high / 10ms - (low - 1ns) / 10ms;
        CHECK(static_cast<std::uint64_t>(multiples) == n);
        stalled += n;
    });
    CHECK(stalled == 1000);
}

TEST_CASE("record_corrected adds nothing for values below two intervals", "[histogram]") {
    histogram h;
    h.record_corrected(19ms, 10ms);
    h.record_corrected(5ms, 0ns);
    h.record_corrected(5ms, -1ms);
    h.record_corrected(-3ms, 1ms);
    CHECK(h.count() == 4);
    h.record_corrected(20ms, 10ms);  // 20 ms and 10 ms
    CHECK(h.count() == 6);
}

TEST_CASE("record_corrected equals recording every missing value one by one", "[histogram]") {
    auto [value, interval] = GENERATE(table<nanoseconds, nanoseconds>({
        {37'300us, 7us},
        {1s, 3ms},
        {4'000'123ns, 1ns},
        {75s, 1s},
        {61s, 700ms},
    }));
    INFO(value.count() << " every " << interval.count());
    histogram fast;
    fast.record_corrected(value, interval);
    histogram naive;
    naive.record(value);
    for (auto missing = value - interval; missing >= interval; missing -= interval) {
        naive.record(missing);
    }
    CHECK(fast == naive);
    CHECK(fast.count() == naive.count());
}

TEST_CASE("record_corrected of a long stall with a tiny interval is bounded", "[histogram]") {
    histogram h;
    h.record_corrected(60s, 1ns);  // 60 billion samples, added per counter
    CHECK(h.count() == 60'000'000'000);
    CHECK(h.min() == 1ns);
    CHECK(h.max() == 60s);
    CHECK(within_precision(h.percentile(50), 30s));
}
