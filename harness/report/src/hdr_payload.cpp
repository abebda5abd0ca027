#include "hdr_payload.hpp"

#include <bit>
#include <stdexcept>

#include <zlib.h>

namespace faultline::report::detail {
namespace {

constexpr std::size_t header_size = 40;

void put_be(std::vector<std::uint8_t>& out, std::uint64_t v, int bytes) {
    for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
        out.push_back(static_cast<std::uint8_t>(v >> shift));
    }
}

void set_be32(std::vector<std::uint8_t>& out, std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) {
        out[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
    }
}

}  // namespace

std::vector<std::uint8_t> encode_compressed_v2(const stats::histogram& h) {
    std::vector<std::uint8_t> plain;
    plain.reserve(header_size + 64);
    put_be(plain, v2_encoding_cookie, 4);
    put_be(plain, 0, 4);  // payload length, set below
    put_be(plain, 0, 4);  // normalizing index offset
    put_be(plain, static_cast<std::uint32_t>(stats::histogram::significant_digits), 4);
    put_be(plain, 1, 8);  // lowest discernible value: 1 ns
    put_be(plain, static_cast<std::uint64_t>(stats::histogram::highest_trackable.count()), 8);
    put_be(plain, std::bit_cast<std::uint64_t>(1.0), 8);  // integer-to-double conversion ratio
    h.encode(plain);
    set_be32(plain, 4, static_cast<std::uint32_t>(plain.size() - header_size));

    const auto plain_size = static_cast<uLong>(plain.size());
    auto packed_size = compressBound(plain_size);
    std::vector<std::uint8_t> out(8 + packed_size);
    if (compress2(out.data() + 8, &packed_size, plain.data(), plain_size, Z_DEFAULT_COMPRESSION) !=
        Z_OK) {
        throw std::runtime_error("zlib cannot compress a histogram");
    }
    out.resize(8 + packed_size);
    set_be32(out, 0, v2_compressed_encoding_cookie);
    set_be32(out, 4, static_cast<std::uint32_t>(packed_size));
    return out;
}

std::string base64_encode(std::span<const std::uint8_t> bytes) {
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t v = (std::uint32_t{bytes[i]} << 16) |
                                (std::uint32_t{bytes[i + 1]} << 8) | std::uint32_t{bytes[i + 2]};
        for (int shift = 18; shift >= 0; shift -= 6) {
            out.push_back(alphabet[(v >> shift) & 63U]);
        }
    }
    const std::size_t rest = bytes.size() - i;
    if (rest != 0) {
        std::uint32_t v = std::uint32_t{bytes[i]} << 16;
        if (rest == 2) {
            v |= std::uint32_t{bytes[i + 1]} << 8;
        }
        out.push_back(alphabet[(v >> 18) & 63U]);
        out.push_back(alphabet[(v >> 12) & 63U]);
        out.push_back(rest == 2 ? alphabet[(v >> 6) & 63U] : '=');
        out.push_back('=');
    }
    return out;
}

}  // namespace faultline::report::detail
