#include <cmath>

#include <faultline/stats/histogram.hpp>

namespace faultline::stats {
namespace {

using layout = detail::layout;

static_assert(layout::max_value ==
              static_cast<std::uint64_t>(nanoseconds(histogram::highest_trackable).count()));
static_assert(layout::index_of(0) == 0 && layout::index_of(2047) == 2047);
static_assert(layout::index_of(2048) == 2048 && layout::index_of(4095) == 3071);
static_assert(layout::lowest_at(layout::index_of(123'456'789)) <= 123'456'789);
static_assert(layout::width_at(layout::index_of(1'000'000)) * 1024 <= 1'000'000);

// The rank of the p-th percentile among `total` values (1-based, at least 1). p * total / 100 is
// snapped to an integer when it is one up to rounding error, so that p = 99.9 of 1000 values is
// rank 999 and not 1000.
std::uint64_t rank_of(double p, std::uint64_t total) noexcept {
    double fraction = p / 100.0 * static_cast<double>(total);
    const double nearest = std::round(fraction);
    if (std::abs(fraction - nearest) <= 1e-9 * std::max(1.0, fraction)) {
        fraction = nearest;
    }
    const auto rank = static_cast<std::uint64_t>(std::ceil(fraction));
    return std::clamp<std::uint64_t>(rank, 1, total);
}

}  // namespace

histogram::histogram() : counts_(length, 0) {}

void histogram::record_n(nanoseconds value, std::uint64_t count) noexcept {
    if (count != 0) {
        add_at(layout::index_of(clamp_value(value)), count);
    }
}

// The missing samples of a stall form an arithmetic sequence below the value:
//
//   value-n*i ... value-2i  value-i  value
//   |------i------|---i---|---i---|
//
// Many of its terms share a counter once the counter width exceeds the interval, so each step
// adds all the terms that fall into one counter at once: a 60 s stall with a 1 us interval
// costs a few thousand steps, not 60 million.
void histogram::record_corrected(nanoseconds value, nanoseconds expected_interval) noexcept {
    record(value);
    const auto step = expected_interval.count();
    const auto v = value.count();
    if (step <= 0 || v / step < 2) {
        return;
    }
    auto remaining = static_cast<std::uint64_t>(v / step - 1);  // terms >= step
    auto next = v - step;                                       // largest missing term
    const auto top = static_cast<nanoseconds::rep>(max_value);
    if (next > top) {  // the terms above 60 s all land in the top counter
        const auto above =
            std::min(remaining, static_cast<std::uint64_t>((next - top - 1) / step + 1));
        add_at(layout::index_of(max_value), above);
        remaining -= above;
        next -= static_cast<nanoseconds::rep>(above) * step;
    }
    while (remaining > 0) {
        const auto index = layout::index_of(static_cast<std::uint64_t>(next));
        const auto low = static_cast<nanoseconds::rep>(layout::lowest_at(index));
        const auto n = std::min(remaining, static_cast<std::uint64_t>((next - low) / step + 1));
        add_at(index, n);
        remaining -= n;
        next -= static_cast<nanoseconds::rep>(n) * step;
    }
}

void histogram::merge(const histogram& other) noexcept {
    if (other.total_ == 0) {
        return;
    }
    const auto first = other.lo_;
    const auto last = other.hi_;
    for (auto i = first; i <= last; ++i) {
        counts_[i] += other.counts_[i];
    }
    total_ += other.total_;
    lo_ = std::min(lo_, first);
    hi_ = std::max(hi_, last);
}

void histogram::reset() noexcept {
    if (total_ != 0) {
        std::fill(counts_.begin() + static_cast<std::ptrdiff_t>(lo_),
                  counts_.begin() + static_cast<std::ptrdiff_t>(hi_) + 1, std::uint64_t{0});
    }
    total_ = 0;
    lo_ = length;
    hi_ = 0;
}

nanoseconds histogram::min() const noexcept {
    return total_ == 0 ? nanoseconds{0} : to_ns(layout::lowest_at(lo_));
}

nanoseconds histogram::max() const noexcept {
    if (total_ == 0) {
        return nanoseconds{0};
    }
    return to_ns(std::min(layout::lowest_at(hi_) + layout::width_at(hi_) - 1, max_value));
}

nanoseconds histogram::mean() const noexcept {
    if (total_ == 0) {
        return nanoseconds{0};
    }
    long double sum = 0;
    for (auto i = lo_; i <= hi_; ++i) {
        if (counts_[i] != 0) {
            const auto middle = layout::lowest_at(i) + layout::width_at(i) / 2;
            sum += static_cast<long double>(middle) * static_cast<long double>(counts_[i]);
        }
    }
    return to_ns(static_cast<std::uint64_t>(std::llround(sum / static_cast<long double>(total_))));
}

nanoseconds histogram::percentile(double p) const noexcept {
    if (total_ == 0) {
        return nanoseconds{0};
    }
    const double q = std::isnan(p) ? 0.0 : std::clamp(p, 0.0, 100.0);
    if (q == 0.0) {
        return min();
    }
    const auto rank = rank_of(q, total_);
    std::uint64_t seen = 0;
    for (auto i = lo_; i <= hi_; ++i) {
        seen += counts_[i];
        if (seen >= rank) {
            return to_ns(std::min(layout::lowest_at(i) + layout::width_at(i) - 1, max_value));
        }
    }
    return max();
}

bool histogram::operator==(const histogram& other) const noexcept {
    if (total_ != other.total_) {
        return false;
    }
    if (total_ == 0) {
        return true;
    }
    return lo_ == other.lo_ && hi_ == other.hi_ &&
           std::equal(counts_.begin() + static_cast<std::ptrdiff_t>(lo_),
                      counts_.begin() + static_cast<std::ptrdiff_t>(hi_) + 1,
                      other.counts_.begin() + static_cast<std::ptrdiff_t>(lo_));
}

nanoseconds histogram::lowest_equivalent(nanoseconds value) noexcept {
    return to_ns(layout::lowest_at(layout::index_of(clamp_value(value))));
}

nanoseconds histogram::highest_equivalent(nanoseconds value) noexcept {
    const auto index = layout::index_of(clamp_value(value));
    return to_ns(layout::lowest_at(index) + layout::width_at(index) - 1);
}

}  // namespace faultline::stats
