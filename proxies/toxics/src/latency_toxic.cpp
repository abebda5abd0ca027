// latency: every piece, and the end of the stream, waits latency ± jitter after it arrives.
#include <cmath>

#include "builtin_toxics.hpp"
#include "toxic_support.hpp"

namespace faultline::proxies::toxics {

namespace {

constexpr attribute_spec attributes[] = {
    {"latency", attribute_kind::integer, 0, 0, max_milliseconds, "ms",
     "delay added to every piece, counted from its arrival"},
    {"jitter", attribute_kind::integer, 0, 0, max_milliseconds, "ms",
     "each piece's delay varies uniformly within ±jitter (never below zero)"},
};

class latency_stage final : public stage_base {
public:
    struct config {
        nanoseconds latency;
        nanoseconds jitter;
    };

    latency_stage(const config& settings, const stage_context& context)
        : stage_base(context), settings_(settings) {}

    void on_piece(piece p, time_point at, stage_sink& out) override {
        count(p);
        nanoseconds delay = settings_.latency;
        if (settings_.jitter > nanoseconds::zero()) {
            const auto jitter = static_cast<double>(settings_.jitter.count());
            delay += nanoseconds(std::llround(random_.uniform(-jitter, jitter)));
        }
        if (delay <= nanoseconds::zero()) {
            out.emit(std::move(p), at);
            return;
        }
        counters_.add_action();
        out.emit(std::move(p), at + delay);
    }

private:
    config settings_;
};

std::shared_ptr<const toxic_factory> compile(const attribute_map& values) {
    return std::make_shared<stage_factory<latency_stage>>(latency_stage::config{
        milliseconds_of(values, "latency"), milliseconds_of(values, "jitter")});
}

}  // namespace

const toxic_descriptor latency_toxic{"latency", "delays every piece by latency ± jitter",
                                     attributes, no_cross_rules, compile};

}  // namespace faultline::proxies::toxics
