#pragma once
/// The run's timeline: fixed-width buckets (100 ms) per workload, counts and latency histograms.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <faultline/core/clock.hpp>
#include <faultline/stats/histogram.hpp>
#include <faultline/stats/interval.hpp>

namespace faultline::stats {

/// Per-bucket, per-workload counts and latency histograms for a whole run, appended one bucket at a
/// time by the aggregator. Memory grows with what was recorded, not with the histogram size: each
/// bucket is kept as compact bytes (counts as varints of the non-zero fields, the latency histogram
/// as histogram::encode_sparse, about one byte per distinct latency) in 1 MiB chunks. A one-hour
/// run of 10 workloads at 1000 requests/s each takes about 42 MiB (bench/timeline_memory.cpp).
/// Not thread-safe: append from one thread; concurrent const calls are safe while nothing appends.
class timeline {
public:
    /// Workload i of every snapshot is named workload_names[i]. Throws std::invalid_argument when
    /// bucket_width is not positive.
    explicit timeline(std::vector<std::string> workload_names,
                      nanoseconds bucket_width = std::chrono::milliseconds(100));

    /// Adds one bucket at index size() from the merge of every thread's snapshot for that bucket.
    /// A snapshot with fewer workloads than names counts the missing ones as empty; one with more
    /// throws std::invalid_argument. Allocates only when a 1 MiB chunk fills up or the bucket index
    /// grows.
    void append(const interval_snapshot& all_threads_merged);

    /// Number of buckets appended.
    std::size_t size() const noexcept { return buckets_.size(); }
    /// Width of every bucket.
    nanoseconds bucket_width() const noexcept { return bucket_width_; }
    /// Workload names, in index order.
    const std::vector<std::string>& workload_names() const noexcept { return names_; }

    /// Counts of one bucket and workload, decoded from the stored bytes (a copy: the timeline keeps
    /// counts compressed, 4 to 6 bytes a cell instead of 104). Throws std::out_of_range for a
    /// bucket >= size() or an unknown workload.
    workload_counts counts(std::size_t bucket, std::size_t workload) const;

    /// Counts and latency of a span of buckets.
    struct window {
        workload_counts counts;  ///< summed counts
        histogram latency;       ///< merged latency histogram
    };

    /// Merge of buckets [first, last) for one workload, or for all workloads when workload is
    /// std::nullopt. Throws std::out_of_range unless first <= last <= size() and the workload
    /// exists. Allocates a histogram: for many windows (sliding analysis) use merge_into.
    window merged(std::size_t first, std::size_t last, std::optional<std::size_t> workload) const;

    /// As merged(), but adds into `out` (set out.counts = {} and call out.latency.reset() first for
    /// a fresh window): no allocation, cost proportional to the bytes read (about 10 us for a 1 s
    /// window of 1000 requests/s, p99 included).
    void merge_into(std::size_t first, std::size_t last, std::optional<std::size_t> workload,
                    window& out) const;

    /// Heap bytes held by this timeline: block and chunk capacities plus names and bookkeeping
    /// (allocator overhead not included).
    std::size_t memory_bytes() const noexcept;

private:
    // Where a bucket's records start: they lie back to back in one chunk, one per workload.
    struct bucket_ref {
        std::uint32_t chunk = 0;
        std::uint32_t offset = 0;
    };

    void check_range(std::size_t first, std::size_t last,
                     std::optional<std::size_t> workload) const;
    std::span<const std::uint8_t> bytes_from(std::size_t bucket) const noexcept;

    std::vector<std::string> names_;
    nanoseconds bucket_width_;
    std::vector<bucket_ref> buckets_;
    std::vector<std::vector<std::uint8_t>> chunks_;  // filled to capacity, never reallocated
    std::vector<std::uint8_t> scratch_;              // one bucket, before it is copied
    std::vector<std::uint8_t> histogram_scratch_;    // one histogram, before it is copied
};

}  // namespace faultline::stats
