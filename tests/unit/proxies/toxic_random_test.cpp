#include <cstdint>
#include <set>

#include <catch2/catch.hpp>

#include <faultline/toxics/toxic_random.hpp>

using faultline::proxies::mix_seed;
using faultline::proxies::toxic_random;

TEST_CASE("toxic_random is xoshiro256** seeded by splitmix64", "[proxies][random]") {
    // Reference values computed independently from the published algorithms.
    toxic_random zero(0);
    CHECK(zero.next() == 0x99ec5f36cb75f2b4ULL);
    CHECK(zero.next() == 0xbf6e1f784956452aULL);
    CHECK(zero.next() == 0x1a5f849d4933e6e0ULL);
    toxic_random answer(42);
    CHECK(answer.next() == 0x15780b2e0c2ec716ULL);
    CHECK(answer.next() == 0x6104d9866d113a7eULL);
    CHECK(answer.next() == 0xae17533239e499a1ULL);
}

TEST_CASE("toxic_random repeats with a seed and differs between seeds", "[proxies][random]") {
    toxic_random a(7), b(7), c(8);
    int differing = 0;
    for (int i = 0; i < 100; ++i) {
        const auto x = a.next();
        CHECK(x == b.next());
        differing += x != c.next() ? 1 : 0;
    }
    CHECK(differing == 100);
}

TEST_CASE("toxic_random uniform draws stay in range and are spread evenly", "[proxies][random]") {
    toxic_random random(2024);
    constexpr int draws = 100'000;
    double sum = 0;
    int low_half = 0;
    for (int i = 0; i < draws; ++i) {
        const double u = random.uniform01();
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
        sum += u;
        const double v = random.uniform(-5.0, 15.0);
        REQUIRE(v >= -5.0);
        REQUIRE(v <= 15.0);
        low_half += v < 5.0 ? 1 : 0;
    }
    CHECK(sum / draws == Approx(0.5).margin(0.005));
    CHECK(static_cast<double>(low_half) / draws == Approx(0.5).margin(0.01));
    CHECK(random.uniform(3.0, 3.0) == 3.0);
    CHECK(random.uniform(3.0, 1.0) == 3.0);
}

TEST_CASE("toxic_random chance matches its probability", "[proxies][random]") {
    toxic_random random(99);
    constexpr int draws = 100'000;
    int hits = 0;
    for (int i = 0; i < draws; ++i)
        hits += random.chance(0.3) ? 1 : 0;
    CHECK(static_cast<double>(hits) / draws == Approx(0.3).margin(0.01));
}

TEST_CASE("toxic_random chance of 0 or 1 decides without drawing", "[proxies][random]") {
    toxic_random decided(5), untouched(5);
    CHECK_FALSE(decided.chance(0.0));
    CHECK_FALSE(decided.chance(-1.0));
    CHECK(decided.chance(1.0));
    CHECK(decided.chance(2.0));
    CHECK(decided.next() == untouched.next());
}

TEST_CASE("mix_seed is reproducible and separates connections and directions",
          "[proxies][random]") {
    CHECK(mix_seed(1, 2, 3) == mix_seed(1, 2, 3));
    std::set<std::uint64_t> seeds;
    for (std::uint64_t toxic = 0; toxic < 4; ++toxic) {
        for (std::uint64_t connection = 0; connection < 100; ++connection) {
            seeds.insert(mix_seed(toxic, connection, 0));
            seeds.insert(mix_seed(toxic, connection, 1));
        }
    }
    CHECK(seeds.size() == 4 * 100 * 2);
}
