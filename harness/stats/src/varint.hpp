#pragma once
// Varints in HdrHistogram's LEB128 variant: 7 bits per byte, least significant first, the high bit
// set when more bytes follow; a 9th byte carries the last 8 bits, so any 64-bit value takes at
// most 9 bytes. For values below 2^56 this is plain LEB128.
#include <cstdint>
#include <vector>

namespace faultline::stats::detail {

inline constexpr std::size_t max_varint_bytes = 9;

inline void put_varint(std::vector<std::uint8_t>& out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) {
        if (v < 0x80) {
            out.push_back(static_cast<std::uint8_t>(v));
            return;
        }
        out.push_back(static_cast<std::uint8_t>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(v));
}

// Reads one varint from [p, end) and advances p; false when the input ends inside it.
inline bool get_varint(const std::uint8_t*& p, const std::uint8_t* end, std::uint64_t& v) noexcept {
    v = 0;
    for (unsigned shift = 0; shift < 56; shift += 7) {
        if (p == end) {
            return false;
        }
        const std::uint8_t byte = *p++;
        v |= std::uint64_t{byte & 0x7fU} << shift;
        if ((byte & 0x80U) == 0) {
            return true;
        }
    }
    if (p == end) {
        return false;
    }
    v |= std::uint64_t{*p++} << 56;
    return true;
}

inline std::uint64_t zigzag(std::int64_t v) noexcept {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}

inline std::int64_t unzigzag(std::uint64_t v) noexcept {
    return static_cast<std::int64_t>((v >> 1) ^ (~(v & 1) + 1));
}

}  // namespace faultline::stats::detail
