#pragma once
// HdrHistogram's transportable form of one histogram, as the interval log (.hlog) carries it.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <faultline/stats/histogram.hpp>

namespace faultline::report::detail {

// Cookies of HdrHistogram's V2 encodings (HdrHistogram_c hdr_histogram_log.c, Java
// AbstractHistogram): the base with 0x10 set, the "word size" nibble that marks ZigZag LEB128
// counts. Readers compare `cookie & ~0xf0` with the base.
inline constexpr std::uint32_t v2_encoding_cookie = 0x1c849303U | 0x10U;
inline constexpr std::uint32_t v2_compressed_encoding_cookie = 0x1c849304U | 0x10U;

// HdrHistogram's compressed V2 encoding of `h`:
//   int32 compressed cookie, int32 length of the zlib stream, zlib(V2 encoding)
// where the V2 encoding (40-byte header, big-endian) is
//   int32 cookie, int32 payload length, int32 normalizing index offset (0),
//   int32 significant digits (3), int64 lowest discernible value (1),
//   int64 highest trackable value (60 s in ns), float64 integer-to-double ratio (1.0),
//   then histogram::encode()'s counts.
// Throws std::runtime_error if zlib fails.
std::vector<std::uint8_t> encode_compressed_v2(const stats::histogram& h);

// RFC 4648 base64 with the standard alphabet and '=' padding (java.util.Base64's encoder).
std::string base64_encode(std::span<const std::uint8_t> bytes);

}  // namespace faultline::report::detail
