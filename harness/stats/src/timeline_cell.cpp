#include "timeline_cell.hpp"

#include "varint.hpp"

namespace faultline::stats::detail {
namespace {

constexpr std::size_t field_count = 2 + outcome_count;

std::uint64_t field(const workload_counts& c, std::size_t i) noexcept {
    return i == 0 ? c.sent : i == 1 ? c.missed : c.outcomes[i - 2];
}

std::uint64_t& field(workload_counts& c, std::size_t i) noexcept {
    return i == 0 ? c.sent : i == 1 ? c.missed : c.outcomes[i - 2];
}

}  // namespace

void encode_cell(const workload_counts& counts, const histogram& latency,
                 std::vector<std::uint8_t>& out, std::vector<std::uint8_t>& histogram_bytes) {
    std::uint64_t mask = 0;
    for (std::size_t i = 0; i < field_count; ++i) {
        mask |= field(counts, i) != 0 ? std::uint64_t{1} << i : 0;
    }
    put_varint(out, mask);
    for (std::size_t i = 0; i < field_count; ++i) {
        if (field(counts, i) != 0) {
            put_varint(out, field(counts, i));
        }
    }
    histogram_bytes.clear();
    latency.encode_sparse(histogram_bytes);
    put_varint(out, histogram_bytes.size());
    out.insert(out.end(), histogram_bytes.begin(), histogram_bytes.end());
}

void encode_empty_cell(std::vector<std::uint8_t>& out) {
    out.push_back(0);  // no counts
    out.push_back(0);  // no latency bytes
}

bool read_cell(const std::uint8_t*& p, const std::uint8_t* end, cell_view& cell) noexcept {
    std::uint64_t mask = 0;
    if (!get_varint(p, end, mask) || mask >> field_count != 0) {
        return false;
    }
    cell.counts = workload_counts{};
    for (std::size_t i = 0; i < field_count; ++i) {
        if ((mask >> i & 1U) != 0 && !get_varint(p, end, field(cell.counts, i))) {
            return false;
        }
    }
    std::uint64_t size = 0;
    if (!get_varint(p, end, size) || size > static_cast<std::uint64_t>(end - p)) {
        return false;
    }
    cell.latency = std::span<const std::uint8_t>(p, static_cast<std::size_t>(size));
    p += size;
    return true;
}

}  // namespace faultline::stats::detail
