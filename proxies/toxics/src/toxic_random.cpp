#include <faultline/toxics/toxic_random.hpp>

namespace faultline::proxies {

namespace {

// splitmix64: spreads any seed (even 0) over the whole state; its outputs are never all zero.
std::uint64_t splitmix64(std::uint64_t& x) {
    x += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = x;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

constexpr std::uint64_t rotl(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

}  // namespace

toxic_random::toxic_random(std::uint64_t seed) {
    for (auto& word : s_)
        word = splitmix64(seed);
}

std::uint64_t toxic_random::next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

double toxic_random::uniform01() {
    // The top 53 bits make every double in [0, 1) on the 2^-53 grid equally likely.
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

double toxic_random::uniform(double low, double high) {
    if (!(high > low))
        return low;
    const double v = low + uniform01() * (high - low);
    return v > high ? high : v;
}

bool toxic_random::chance(double p) {
    if (!(p > 0.0))
        return false;
    if (p >= 1.0)
        return true;
    return uniform01() < p;
}

std::uint64_t mix_seed(std::uint64_t toxic_seed, std::uint64_t connection, std::uint64_t salt) {
    // Each input goes through its own splitmix step, so nearby connection numbers or salts give
    // unrelated stage seeds.
    std::uint64_t x = toxic_seed;
    std::uint64_t h = splitmix64(x);
    x = h ^ connection;
    h = splitmix64(x);
    x = h ^ salt;
    return splitmix64(x);
}

}  // namespace faultline::proxies
