#include <algorithm>
#include <cassert>
#include <stdexcept>
#include <utility>

#include <faultline/stats/timeline.hpp>

#include "timeline_cell.hpp"

namespace faultline::stats {
namespace {

// Chunks are filled to their end and never grow, so no buffer doubles and at most one chunk is
// partly empty.
constexpr std::size_t chunk_bytes = std::size_t{1} << 20;

}  // namespace

timeline::timeline(std::vector<std::string> workload_names, nanoseconds bucket_width)
    : names_(std::move(workload_names)), bucket_width_(bucket_width) {
    if (bucket_width_ <= nanoseconds{0}) {
        throw std::invalid_argument("timeline bucket width must be positive");
    }
}

void timeline::append(const interval_snapshot& all_threads_merged) {
    const auto& workloads = all_threads_merged.workloads;
    if (workloads.size() > names_.size()) {
        throw std::invalid_argument("timeline snapshot has " + std::to_string(workloads.size()) +
                                    " workloads, the timeline " + std::to_string(names_.size()));
    }
    scratch_.clear();
    for (std::size_t w = 0; w < names_.size(); ++w) {
        if (w < workloads.size()) {
            detail::encode_cell(workloads[w].counts, workloads[w].latency, scratch_,
                                histogram_scratch_);
        } else {
            detail::encode_empty_cell(scratch_);
        }
    }
    if (chunks_.empty() || chunks_.back().capacity() - chunks_.back().size() < scratch_.size()) {
        chunks_.emplace_back();
        chunks_.back().reserve(std::max(chunk_bytes, scratch_.size()));
    }
    auto& chunk = chunks_.back();
    buckets_.push_back(bucket_ref{static_cast<std::uint32_t>(chunks_.size() - 1),
                                  static_cast<std::uint32_t>(chunk.size())});
    chunk.insert(chunk.end(), scratch_.begin(), scratch_.end());
}

std::span<const std::uint8_t> timeline::bytes_from(std::size_t bucket) const noexcept {
    const auto& ref = buckets_[bucket];
    const auto& chunk = chunks_[ref.chunk];
    return std::span<const std::uint8_t>(chunk.data() + ref.offset, chunk.size() - ref.offset);
}

workload_counts timeline::counts(std::size_t bucket, std::size_t workload) const {
    if (bucket >= buckets_.size() || workload >= names_.size()) {
        throw std::out_of_range("timeline bucket " + std::to_string(bucket) + " of " +
                                std::to_string(buckets_.size()) + ", workload " +
                                std::to_string(workload) + " of " + std::to_string(names_.size()));
    }
    const auto bytes = bytes_from(bucket);
    const std::uint8_t* p = bytes.data();
    detail::cell_view cell;
    for (std::size_t w = 0; w <= workload; ++w) {
        // Only append() wrote these bytes, so they always parse.
        [[maybe_unused]] const bool ok = detail::read_cell(p, bytes.data() + bytes.size(), cell);
        assert(ok);
    }
    return cell.counts;
}

void timeline::check_range(std::size_t first, std::size_t last,
                           std::optional<std::size_t> workload) const {
    if (first > last || last > buckets_.size() || (workload && *workload >= names_.size())) {
        throw std::out_of_range("timeline window [" + std::to_string(first) + ", " +
                                std::to_string(last) + ") of " + std::to_string(buckets_.size()) +
                                " buckets, or unknown workload");
    }
}

timeline::window timeline::merged(std::size_t first, std::size_t last,
                                  std::optional<std::size_t> workload) const {
    check_range(first, last, workload);
    window out;
    merge_into(first, last, workload, out);
    return out;
}

void timeline::merge_into(std::size_t first, std::size_t last, std::optional<std::size_t> workload,
                          window& out) const {
    check_range(first, last, workload);
    const std::size_t end_workload = workload ? *workload + 1 : names_.size();
    detail::cell_view cell;
    for (auto bucket = first; bucket < last; ++bucket) {
        const auto bytes = bytes_from(bucket);
        const std::uint8_t* p = bytes.data();
        for (std::size_t w = 0; w < end_workload; ++w) {
            [[maybe_unused]] const bool ok =
                detail::read_cell(p, bytes.data() + bytes.size(), cell);
            assert(ok);
            if (!workload || w == *workload) {
                out.counts.merge(cell.counts);
                out.latency.decode_sparse_add(cell.latency);
            }
        }
    }
}

std::size_t timeline::memory_bytes() const noexcept {
    std::size_t bytes = names_.capacity() * sizeof(std::string);
    const auto inline_capacity = std::string().capacity();
    for (const auto& name : names_) {
        bytes += name.capacity() > inline_capacity ? name.capacity() + 1 : 0;
    }
    bytes += buckets_.capacity() * sizeof(bucket_ref);
    bytes += chunks_.capacity() * sizeof(std::vector<std::uint8_t>);
    for (const auto& chunk : chunks_) {
        bytes += chunk.capacity();
    }
    return bytes + scratch_.capacity() + histogram_scratch_.capacity();
}

}  // namespace faultline::stats
