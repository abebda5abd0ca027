#pragma once
// The byte form of one bucket of one workload in the timeline:
//
//   varint mask      bit i set when count field i is non-zero (sent, missed, outcomes...)
//   varint ...       each non-zero field, in order
//   varint size      bytes of the latency histogram (histogram::encode_sparse)
//   size bytes       the histogram
//
// A typical cell (100 requests, all ok) is 4 bytes of counts plus about one byte per distinct
// latency. Records are self-delimiting, so a bucket is its workloads' records back to back.
#include <cstdint>
#include <span>
#include <vector>

#include <faultline/stats/histogram.hpp>
#include <faultline/stats/interval.hpp>

namespace faultline::stats::detail {

/// A decoded cell: its counts and its latency histogram's bytes (pointing into the input).
struct cell_view {
    workload_counts counts;
    std::span<const std::uint8_t> latency;
};

/// Appends the record of `counts` and `latency` to `out`; `histogram_bytes` is scratch space,
/// reused between calls to avoid allocating.
void encode_cell(const workload_counts& counts, const histogram& latency,
                 std::vector<std::uint8_t>& out, std::vector<std::uint8_t>& histogram_bytes);

/// Appends the record of an empty cell (no counts, no latency) to `out`.
void encode_empty_cell(std::vector<std::uint8_t>& out);

/// Reads the record at p, advancing p past it; false (p unspecified) on malformed input.
bool read_cell(const std::uint8_t*& p, const std::uint8_t* end, cell_view& cell) noexcept;

}  // namespace faultline::stats::detail
