#include <cstdint>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include <faultline/stats/histogram.hpp>
#include <faultline/test/support.hpp>

#include "samples.hpp"

using namespace std::chrono_literals;
using faultline::nanoseconds;
using faultline::stats::histogram;
using faultline::stats::test::shape;
using bytes = std::vector<std::uint8_t>;

namespace {

enum class codec { hdr_v2, sparse };

bytes encoded(const histogram& h, codec c) {
    bytes out;
    c == codec::hdr_v2 ? h.encode(out) : h.encode_sparse(out);
    return out;
}

bool decode_into(histogram& h, const bytes& data, codec c) {
    return c == codec::hdr_v2 ? h.decode_add(data) : h.decode_sparse_add(data);
}

}  // namespace

TEST_CASE("encoding round-trips every bucket count", "[histogram][codec]") {
    const auto c = GENERATE(codec::hdr_v2, codec::sparse);
    const auto s = GENERATE(shape::log_uniform_1us_10s, shape::log_normal_2ms, shape::below_2us);
    const auto seed = faultline::test::test_seed();
    INFO("seed " << seed << ", " << faultline::stats::test::name_of(s));
    std::mt19937_64 rng(seed);
    histogram original;
    for (auto v : faultline::stats::test::draw(s, 5000, rng)) {
        original.record(v);
    }
    original.record_n(60s, 1'000'000);  // multi-byte counts
    original.record_n(0ns, 3);          // index 0
    const auto data = encoded(original, c);

    histogram decoded;
    REQUIRE(decode_into(decoded, data, c));
    CHECK(decoded == original);
    CHECK(decoded.count() == original.count());
    CHECK(decoded.percentile(99) == original.percentile(99));
    CHECK(decoded.max() == original.max());
    CHECK(encoded(decoded, c) == data);

    SECTION("decoding adds to what is there") {
        histogram twice = original;
        REQUIRE(decode_into(twice, data, c));
        histogram expected = original;
        expected.merge(original);
        CHECK(twice == expected);
    }
}

TEST_CASE("the V2 payload is HdrHistogram's: zigzag counts, zero runs negative", "[codec]") {
    histogram h;
    h.record(0ns);
    h.record_n(3ns, 2);
    h.record(5ns);
    // counts [1, 0, 0, 2, 0, 1]: 1 -> 2, run of 2 -> -2 -> 3, 2 -> 4, single 0 -> 0, 1 -> 2
    CHECK(encoded(h, codec::hdr_v2) == bytes{2, 3, 4, 0, 2});

    histogram late;
    late.record(1000ns);  // 1000 leading empty counters: zigzag(-1000) = 1999 = 0xcf 0x0f
    CHECK(encoded(late, codec::hdr_v2) == bytes{0xcf, 0x0f, 2});
}

TEST_CASE("the sparse payload holds one byte per single-count value", "[codec]") {
    histogram h;
    h.record(0ns);
    h.record_n(3ns, 2);
    h.record(5ns);
    // (gap << 1 | count != 1): index 0 -> 0; index 3, gap 2 -> 5, then count 2; index 5, gap 1 -> 2
    CHECK(encoded(h, codec::sparse) == bytes{0, 5, 2, 2});
}

TEST_CASE("huge counts use HdrHistogram's 9-byte varint", "[codec]") {
    const auto c = GENERATE(codec::hdr_v2, codec::sparse);
    histogram h;
    h.record_n(7ms, std::uint64_t{1} << 62);
    const auto data = encoded(h, c);
    histogram decoded;
    REQUIRE(decode_into(decoded, data, c));
    CHECK(decoded == h);
    if (c == codec::hdr_v2) {
        CHECK(data.size() == 3 + 9);  // leading run (3 bytes), zigzag(2^62) = 2^63 in 9 bytes
    }
}

TEST_CASE("an empty histogram encodes to nothing and decodes from nothing", "[codec]") {
    const auto c = GENERATE(codec::hdr_v2, codec::sparse);
    const histogram empty;
    CHECK(encoded(empty, c).empty());
    histogram h;
    h.record(1ms);
    const histogram before = h;
    CHECK(decode_into(h, bytes{}, c));
    CHECK(h == before);
}

TEST_CASE("truncated input is rejected and changes nothing", "[codec]") {
    const auto c = GENERATE(codec::hdr_v2, codec::sparse);
    histogram original;
    original.record_n(3ms, 300);  // a two-byte count
    original.record(40s);         // a long run before it
    original.record(2us);
    const auto data = encoded(original, c);
    REQUIRE(data.size() > 4);
    for (std::size_t cut = 0; cut < data.size(); ++cut) {
        INFO("cut at " << cut << " of " << data.size());
        const bytes prefix(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(cut));
        histogram h;
        h.record(5ns);
        const histogram before = h;
        const bool boundary = cut == 0 || data[cut - 1] < 0x80;
        const bool ok = decode_into(h, prefix, c);
        if (c == codec::hdr_v2) {
            CHECK(ok == boundary);  // V2 prefixes at varint boundaries are valid payloads
        }
        if (!boundary) {
            CHECK_FALSE(ok);
        }
        if (!ok) {
            CHECK(h == before);
        } else {
            CHECK(h.count() <= before.count() + original.count());
        }
    }
}

TEST_CASE("indexes beyond the counters are rejected", "[codec]") {
    const auto length = static_cast<std::int64_t>(histogram::counts_length());
    auto varint = [](bytes& out, std::uint64_t v) {
        while (v >= 0x80) {
            out.push_back(static_cast<std::uint8_t>((v & 0x7f) | 0x80));
            v >>= 7;
        }
        out.push_back(static_cast<std::uint8_t>(v));
    };
    auto zigzag = [](std::int64_t v) {
        return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
    };
    histogram h;
    bytes run_to_end;
    varint(run_to_end, zigzag(-length));
    CHECK(h.decode_add(run_to_end));  // a run may end at the last counter
    bytes count_past_end = run_to_end;
    varint(count_past_end, zigzag(1));
    CHECK_FALSE(h.decode_add(count_past_end));
    bytes run_past_end;
    varint(run_past_end, zigzag(-length - 1));
    CHECK_FALSE(h.decode_add(run_past_end));
    const bytes most_negative_run(9, 0xff);  // zigzag(INT64_MIN)
    CHECK_FALSE(h.decode_add(most_negative_run));

    bytes gap_past_end;
    varint(gap_past_end, static_cast<std::uint64_t>(length) << 1);
    CHECK_FALSE(h.decode_sparse_add(gap_past_end));
    bytes last_counter;
    varint(last_counter, static_cast<std::uint64_t>(length - 1) << 1);
    CHECK(h.decode_sparse_add(last_counter));
    CHECK(h.max() == histogram::highest_trackable);
    CHECK(h.count() == 1);
    const bytes count_below_two{1, 1};  // flag "count != 1" followed by count 1
    CHECK_FALSE(h.decode_sparse_add(count_below_two));
    CHECK(h.count() == 1);
}

TEST_CASE("random garbage never crashes and never half-applies", "[codec]") {
    const auto seed = faultline::test::test_seed();
    INFO("seed " << seed);
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<std::size_t> size(0, 64);
    int rejected = 0;
    for (int round = 0; round < 2000; ++round) {
        bytes data(size(rng));
        for (auto& b : data) {
            b = static_cast<std::uint8_t>(byte(rng));
        }
        for (auto c : {codec::hdr_v2, codec::sparse}) {
            histogram h;
            h.record(1ms);
            const histogram before = h;
            if (!decode_into(h, data, c)) {
                ++rejected;
                CHECK(h == before);
            }
        }
    }
    CHECK(rejected > 0);
}
