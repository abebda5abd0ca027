#pragma once
/// The random source of one toxic on one connection: small, fast and reproducible from a seed.
#include <cstdint>

namespace faultline::proxies {

/// xoshiro256** seeded through splitmix64. The same seed gives the same draws on every machine.
class toxic_random {
public:
    explicit toxic_random(std::uint64_t seed);

    /// The next 64 random bits.
    std::uint64_t next();
    /// Uniform in [0, 1).
    double uniform01();
    /// Uniform in [low, high]; returns `low` when high <= low.
    double uniform(double low, double high);
    /// True with probability `p` (p <= 0 never, p >= 1 always, without drawing).
    bool chance(double p);

private:
    std::uint64_t s_[4];
};

/// Mixes a toxic's seed, the connection's number and the direction into one stage seed, so that
/// every connection draws differently but reproducibly.
std::uint64_t mix_seed(std::uint64_t toxic_seed, std::uint64_t connection, std::uint64_t salt);

}  // namespace faultline::proxies
