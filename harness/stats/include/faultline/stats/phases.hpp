#pragma once
/// The phases of one request, as curl's -w and k6's http_req_* name them, and their histograms.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include <faultline/core/clock.hpp>
#include <faultline/stats/histogram.hpp>

namespace faultline::stats {

/// One phase of a request. dns, connect and tls happen only when the request opened a new
/// connection (dns only when the target is a name); ttfb, receive and total happen for every
/// request that got a whole response.
enum class phase : std::uint8_t {
    dns,      ///< waiting for the target's name to resolve (the cache answers in microseconds)
    connect,  ///< the TCP connection's opening
    tls,      ///< the TLS handshake
    ttfb,     ///< from the request's first byte written to the response's first byte read
    receive,  ///< from the response's first byte to its last
    total,    ///< the whole request, connecting included: its service time
};

/// Number of phase values.
inline constexpr std::size_t phase_count = 6;

/// Every phase, in enum order.
inline constexpr std::array<phase, phase_count> all_phases = {
    phase::dns, phase::connect, phase::tls, phase::ttfb, phase::receive, phase::total};

/// The phase's name in results: "dns", "connect", "tls", "ttfb", "receive", "total".
std::string_view to_string(phase p) noexcept;

/// The phases one request went through and how long each took. Filled by a session while it
/// works, read by the engine once the request ends.
class request_phases {
public:
    /// Forgets every phase (a new request starts).
    void clear() noexcept { present_ = 0; }
    /// Phase `p` took `took`.
    void set(phase p, nanoseconds took) noexcept {
        took_[index(p)] = took;
        present_ |= bit(p);
    }
    /// Forgets phase `p` only.
    void unset(phase p) noexcept { present_ &= static_cast<std::uint8_t>(~bit(p)); }
    /// Whether phase `p` happened.
    bool has(phase p) const noexcept { return (present_ & bit(p)) != 0; }
    /// How long phase `p` took; meaningful only when has(p).
    nanoseconds took(phase p) const noexcept { return took_[index(p)]; }
    /// True when no phase happened.
    bool empty() const noexcept { return present_ == 0; }

private:
    static constexpr std::size_t index(phase p) noexcept { return static_cast<std::size_t>(p); }
    static constexpr std::uint8_t bit(phase p) noexcept {
        return static_cast<std::uint8_t>(1U << index(p));
    }
    std::array<nanoseconds, phase_count> took_{};
    std::uint8_t present_ = 0;
};

/// A histogram per phase (about 1.3 MiB: allocate only for workloads whose driver reports
/// phases). Not thread-safe.
struct phase_histograms {
    std::array<histogram, phase_count> of;

    /// Records every phase `r` has.
    void record(const request_phases& r) noexcept;
    /// Adds every histogram of `other`.
    void merge(const phase_histograms& other) noexcept;
    /// Empties every histogram.
    void reset() noexcept;
    /// The histogram of phase `p`.
    const histogram& operator[](phase p) const noexcept { return of[static_cast<std::size_t>(p)]; }
};

/// Merges `from` into `into`, allocating `into` when `from` has something and `into` is null.
void merge_phases(std::unique_ptr<phase_histograms>& into,
                  const std::unique_ptr<phase_histograms>& from);

}  // namespace faultline::stats
