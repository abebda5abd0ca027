#pragma once
/// Log-linear latency histogram with HdrHistogram's layout: 1 ns .. 60 s, 3 significant digits.
#include <algorithm>
#include <bit>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include <faultline/core/clock.hpp>

namespace faultline::stats {

namespace detail {
/// The counter layout of histogram: HdrHistogram's, for 1 ns .. 60 s and 3 significant digits.
///
/// 3 digits need single-unit resolution up to 2 * 10^3, so a bucket has 2^11 sub-buckets; every
/// bucket after the first uses only its upper half (its lower half is covered by the previous
/// bucket at twice the resolution). The unit is 1 ns: values below 2048 ns are exact and each
/// later bucket doubles the width of its counters, which keeps width <= value / 1024.
struct layout {
    static constexpr unsigned unit_magnitude = 0;
    static constexpr unsigned half_count_magnitude = 10;
    static constexpr std::uint64_t half_count = std::uint64_t{1} << half_count_magnitude;
    static constexpr std::uint64_t sub_bucket_mask = ((half_count << 1) - 1) << unit_magnitude;
    static constexpr std::uint64_t max_value = 60'000'000'000;

    /// Counter index of a value in [0, max_value].
    static constexpr std::size_t index_of(std::uint64_t v) noexcept {
        const auto magnitude = static_cast<unsigned>(std::bit_width(v | sub_bucket_mask));
        const unsigned bucket = magnitude - unit_magnitude - (half_count_magnitude + 1);
        const std::uint64_t sub_bucket = v >> (bucket + unit_magnitude);
        return static_cast<std::size_t>((std::uint64_t{bucket + 1} << half_count_magnitude) +
                                        sub_bucket - half_count);
    }
    /// Lowest value counter `i` stands for.
    static constexpr std::uint64_t lowest_at(std::size_t i) noexcept {
        const std::uint64_t upper = i >> half_count_magnitude;  // bucket + 1, or 0 in bucket 0
        if (upper == 0) {
            return std::uint64_t{i} << unit_magnitude;
        }
        const std::uint64_t sub_bucket = (i & (half_count - 1)) + half_count;
        return sub_bucket << (upper - 1 + unit_magnitude);
    }
    /// Number of values counter `i` stands for.
    static constexpr std::uint64_t width_at(std::size_t i) noexcept {
        const std::uint64_t upper = i >> half_count_magnitude;
        return std::uint64_t{1} << ((upper == 0 ? 0 : upper - 1) + unit_magnitude);
    }
};
inline constexpr std::size_t length_of_layout = layout::index_of(layout::max_value) + 1;
}  // namespace detail

/// A latency histogram in the layout of HdrHistogram (lowest discernible value 1 ns, highest
/// trackable value 60 s, 3 significant digits), so its counts can be written as an .hlog payload.
///
/// Precision: a recorded value v is kept in a bucket of width at most v/1024, so every value
/// reported back (percentile, min, max, bucket bounds) is within 0.1 % of a recorded value; values
/// below 2048 ns are kept exactly. Values above 60 s are recorded as 60 s, negative ones as 0.
///
/// Memory is fixed at construction (counts_length() 64-bit counters, about 214 KiB); record() never
/// allocates. Not thread-safe: one histogram belongs to one thread at a time. A moved-from
/// histogram may only be assigned to or destroyed.
class histogram {
public:
    /// Largest value kept; larger values are recorded as this.
    static constexpr nanoseconds highest_trackable{std::chrono::seconds(60)};
    /// Decimal digits kept for every value.
    static constexpr int significant_digits = 3;

    /// An empty histogram. Allocates its counters (throws std::bad_alloc).
    histogram();

    /// Counts one value (clamped to [0, 60 s]). Allocation-free, branch-free apart from the clamp.
    void record(nanoseconds value) noexcept { add_at(layout::index_of(clamp_value(value)), 1); }

    /// Counts `value` `count` times. count 0 does nothing.
    void record_n(nanoseconds value, std::uint64_t count) noexcept;

    /// HdrHistogram's recordCorrectedValue: records `value`, and when expected_interval > 0 also
    /// the values value - k * expected_interval (k = 1, 2, ...) that are >= expected_interval:
    /// the samples a stalled closed-loop generator failed to send. Takes at most one step per
    /// counter touched, however small the interval, so it is bounded in time.
    void record_corrected(nanoseconds value, nanoseconds expected_interval) noexcept;

    /// Adds every count of `other` into this histogram (other may be *this).
    void merge(const histogram& other) noexcept;

    /// Empties the histogram. Costs time proportional to the range of counters in use.
    void reset() noexcept;

    /// Number of values recorded.
    std::uint64_t count() const noexcept { return total_; }
    /// True when nothing is recorded.
    bool empty() const noexcept { return total_ == 0; }

    /// Lowest value equivalent to the smallest recorded value (<= it, within 0.1 %); 0 if empty.
    nanoseconds min() const noexcept;
    /// Highest value equivalent to the largest recorded value (>= it, within 0.1 %, at most 60 s);
    /// 0 if empty.
    nanoseconds max() const noexcept;
    /// Mean of the recorded values, each taken at the middle of its bucket; 0 if empty.
    nanoseconds mean() const noexcept;

    /// The p-th percentile, p in [0, 100] (clamped; NaN reads as 0), with HdrHistogram's
    /// semantics: the value of rank ceil(p/100 * count()) (at least 1) in ascending order, reported
    /// as the highest value equivalent to it (capped at 60 s); p = 0 gives min(). 0 if empty.
    nanoseconds percentile(double p) const noexcept;

    /// Calls f(lowest_equivalent, highest_equivalent, count) for each non-empty bucket in
    /// ascending order; the two bounds are nanoseconds, the count is std::uint64_t.
    template <class F>
    void for_each(F&& f) const {
        if (total_ == 0) {
            return;
        }
        for (std::size_t i = lo_; i <= hi_; ++i) {
            if (counts_[i] != 0) {
                const auto low = layout::lowest_at(i);
                f(to_ns(low), to_ns(low + layout::width_at(i) - 1), counts_[i]);
            }
        }
    }

    /// Appends HdrHistogram's V2 counts payload: counts from index 0 to the last non-empty one as
    /// ZigZag LEB128 varints (HdrHistogram's variant: a 9th byte carries 8 bits), each run of two
    /// or more empty counters as one negative number (minus its length). Nothing when empty.
    void encode(std::vector<std::uint8_t>& out) const;

    /// Adds counts encoded by encode() into *this. Returns false, changing nothing, on malformed
    /// input (truncated varint, index beyond the counters).
    bool decode_add(std::span<const std::uint8_t> data) noexcept;

    /// Appends a denser private encoding for in-memory storage (the timeline): per non-empty
    /// counter one varint (gap from the previous one << 1 | count != 1), then the count if != 1.
    /// About one byte per distinct value, half of encode()'s size for sparse 100 ms buckets.
    void encode_sparse(std::vector<std::uint8_t>& out) const;

    /// Adds counts encoded by encode_sparse() into *this. Returns false, changing nothing, on
    /// malformed input.
    bool decode_sparse_add(std::span<const std::uint8_t> data) noexcept;

    /// Equal when both hold the same count in every bucket.
    bool operator==(const histogram& other) const noexcept;

    /// Lowest value recorded in the same bucket as `value` (after clamping).
    static nanoseconds lowest_equivalent(nanoseconds value) noexcept;
    /// Highest value recorded in the same bucket as `value` (after clamping; may exceed 60 s for
    /// the top bucket).
    static nanoseconds highest_equivalent(nanoseconds value) noexcept;
    /// Number of counters in every histogram.
    static std::size_t counts_length() noexcept { return length; }

    /// Heap bytes held (the counters).
    std::size_t memory_bytes() const noexcept { return counts_.capacity() * sizeof(std::uint64_t); }

private:
    static constexpr std::size_t length = detail::length_of_layout;
    static constexpr std::uint64_t max_value = detail::layout::max_value;
    using layout = detail::layout;

    static constexpr std::uint64_t clamp_value(nanoseconds v) noexcept {
        return static_cast<std::uint64_t>(
            std::clamp<nanoseconds::rep>(v.count(), 0, static_cast<nanoseconds::rep>(max_value)));
    }
    static constexpr nanoseconds to_ns(std::uint64_t v) noexcept {
        return nanoseconds(static_cast<nanoseconds::rep>(v));
    }

    void add_at(std::size_t i, std::uint64_t n) noexcept {
        counts_[i] += n;
        total_ += n;
        lo_ = std::min(lo_, i);
        hi_ = std::max(hi_, i);
    }

    std::vector<std::uint64_t> counts_;
    std::uint64_t total_ = 0;
    // Exact bounds of the non-empty counters (lo_ > hi_ when empty): reset and scans stay small.
    std::size_t lo_ = length;
    std::size_t hi_ = 0;
};

}  // namespace faultline::stats
