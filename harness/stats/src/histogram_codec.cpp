// The two encodings of histogram counts: HdrHistogram's V2 payload, and the denser sparse form
// the timeline keeps in memory. Decoding walks the input twice, validating first, so malformed
// input changes nothing.
#include <limits>

#include <faultline/stats/histogram.hpp>

#include "varint.hpp"

namespace faultline::stats {
namespace {

using detail::get_varint;
using detail::put_varint;

// Walks a V2 payload, calling visit(index, count) for each count entry (zero ones included).
template <class Visit>
bool walk_v2(std::span<const std::uint8_t> data, std::size_t length, Visit&& visit) noexcept {
    const std::uint8_t* p = data.data();
    const std::uint8_t* const end = p + data.size();
    std::uint64_t index = 0;
    while (p != end) {
        std::uint64_t raw = 0;
        if (!get_varint(p, end, raw)) {
            return false;
        }
        const std::int64_t value = detail::unzigzag(raw);
        if (value < 0) {
            const std::uint64_t run = std::uint64_t{0} - static_cast<std::uint64_t>(value);
            if (run > length - index) {
                return false;
            }
            index += run;
            continue;
        }
        if (index >= length) {
            return false;
        }
        visit(static_cast<std::size_t>(index), static_cast<std::uint64_t>(value));
        ++index;
    }
    return true;
}

// Walks a sparse payload, calling visit(index, count) for each non-empty counter.
template <class Visit>
bool walk_sparse(std::span<const std::uint8_t> data, std::size_t length, Visit&& visit) noexcept {
    const std::uint8_t* p = data.data();
    const std::uint8_t* const end = p + data.size();
    std::uint64_t next = 0;
    while (p != end) {
        std::uint64_t head = 0;
        if (!get_varint(p, end, head)) {
            return false;
        }
        const std::uint64_t gap = head >> 1;
        if (gap >= length - next) {
            return false;
        }
        std::uint64_t count = 1;
        if ((head & 1U) != 0 && (!get_varint(p, end, count) || count < 2)) {
            return false;
        }
        visit(static_cast<std::size_t>(next + gap), count);
        next += gap + 1;
    }
    return true;
}

}  // namespace

void histogram::encode(std::vector<std::uint8_t>& out) const {
    if (total_ == 0) {
        return;
    }
    constexpr auto most = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    std::size_t i = 0;
    while (i <= hi_) {
        if (counts_[i] != 0) {
            put_varint(out, detail::zigzag(static_cast<std::int64_t>(std::min(counts_[i], most))));
            ++i;
            continue;
        }
        auto j = std::max(i, lo_);  // everything below lo_ is empty
        while (counts_[j] == 0) {   // stops at hi_ at the latest
            ++j;
        }
        const auto run = static_cast<std::int64_t>(j - i);
        put_varint(out, detail::zigzag(run > 1 ? -run : 0));
        i = j;
    }
}

bool histogram::decode_add(std::span<const std::uint8_t> data) noexcept {
    if (!walk_v2(data, length, [](std::size_t, std::uint64_t) {})) {
        return false;
    }
    walk_v2(data, length, [this](std::size_t index, std::uint64_t count) {
        if (count != 0) {
            add_at(index, count);
        }
    });
    return true;
}

void histogram::encode_sparse(std::vector<std::uint8_t>& out) const {
    if (total_ == 0) {
        return;
    }
    std::size_t next = 0;
    for (auto i = lo_; i <= hi_; ++i) {
        const auto count = counts_[i];
        if (count == 0) {
            continue;
        }
        const bool many = count != 1;
        put_varint(out, (std::uint64_t{i - next} << 1) | std::uint64_t{many});
        if (many) {
            put_varint(out, count);
        }
        next = i + 1;
    }
}

bool histogram::decode_sparse_add(std::span<const std::uint8_t> data) noexcept {
    if (!walk_sparse(data, length, [](std::size_t, std::uint64_t) {})) {
        return false;
    }
    walk_sparse(data, length,
                [this](std::size_t index, std::uint64_t count) { add_at(index, count); });
    return true;
}

}  // namespace faultline::stats
