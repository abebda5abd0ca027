// bandwidth: bytes leave no faster than `rate` KB/s (KB = 1000 bytes).
#include <algorithm>
#include <cmath>

#include "builtin_toxics.hpp"
#include "toxic_support.hpp"

namespace faultline::proxies::toxics {

namespace {

constexpr attribute_spec attributes[] = {
    {"rate", attribute_kind::integer, 0, 0, max_bytes, "KB/s",
     "most bytes per second, in thousands (KB = 1000 bytes); 0 = unlimited"},
};

/*
 * A virtual clock `next_free` marks when the link is done sending what came before. A piece that
 * arrives at `at` starts at max(at, next_free) and is cut into slices of at most 100 ms of traffic;
 * each slice leaves once all its bytes (and those before it) have had time to go:
 *
 *   at ──┬─ slice 0 ──┬─ slice 1 ──┬─ slice 2 ─┤ next_free
 *        start        start+s0/r   start+(s0+s1)/r   start+size/r
 *
 * Idle time is not saved up: a piece arriving after next_free starts at its arrival.
 */
class bandwidth_stage final : public stage_base {
public:
    struct config {
        std::uint64_t bytes_per_second;  // 0 = unlimited
    };

    bandwidth_stage(const config& settings, const stage_context& context)
        : stage_base(context), settings_(settings) {}

    void on_piece(piece p, time_point at, stage_sink& out) override {
        count(p);
        if (settings_.bytes_per_second == 0) {
            out.emit(std::move(p), at);
            return;
        }
        const time_point start = std::max(at, next_free_);
        if (p.is_end()) {
            out.emit(std::move(p), start);
            return;
        }
        const std::size_t slice_max =
            std::max<std::size_t>(1, static_cast<std::size_t>(settings_.bytes_per_second / 10));
        counters_.add_action();
        if (p.size() <= slice_max) {
            next_free_ = start + transfer_time(p.size());
            out.emit(std::move(p), next_free_);
            return;
        }
        std::size_t sent = 0;
        while (sent < p.size()) {
            const std::size_t n = std::min(slice_max, p.size() - sent);
            out.emit(p.slice(sent, n), start + transfer_time(sent + n));
            sent += n;
        }
        next_free_ = start + transfer_time(sent);
    }

private:
    nanoseconds transfer_time(std::size_t bytes) const {
        const double seconds =
            static_cast<double>(bytes) / static_cast<double>(settings_.bytes_per_second);
        return nanoseconds(std::llround(seconds * 1e9));
    }

    config settings_;
    time_point next_free_ = time_point::min();
};

std::shared_ptr<const toxic_factory> compile(const attribute_map& values) {
    return std::make_shared<stage_factory<bandwidth_stage>>(
        bandwidth_stage::config{count_of(values, "rate") * 1000});
}

}  // namespace

const toxic_descriptor bandwidth_toxic{"bandwidth", "limits the rate bytes pass at", attributes,
                                       no_cross_rules, compile};

}  // namespace faultline::proxies::toxics
