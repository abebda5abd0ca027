// loss (beyond Toxiproxy): pieces are lost on the wire with bursts, and held back as TCP's
// retransmission timeout would hold them.
#include <algorithm>

#include "builtin_toxics.hpp"
#include "toxic_support.hpp"

namespace faultline::proxies::toxics {

namespace {

constexpr attribute_spec attributes[] = {
    {"probability", attribute_kind::number, 0, 0, 1, "",
     "long-run fraction of transmissions lost (original sends and retransmissions alike)"},
    {"burst", attribute_kind::number, 0, 0, 1, "",
     "chance that a transmission is lost when the one before was; 0 = independent losses"},
    {"rto", attribute_kind::integer, 200, 1, max_milliseconds, "ms",
     "first retransmission timeout; it doubles on every further loss of the same piece"},
};

// A piece lost this many times in a row goes through anyway (hold ≤ 63 × rto).
constexpr int max_losses = 6;

/*
 * Gilbert-Elliott loss as a two-state Markov chain, one step per transmission:
 *
 *          q                 good: delivered, bad: lost
 *   good ─────▶ bad ─┐ r     p = probability (wanted stationary loss rate)
 *     ▲          │◀──┘       r = P(bad → bad) = max(burst, p)
 *     └──────────┘ 1 − r     q = P(good → bad)
 *
 * The stationary share of `bad` is q / (q + 1 − r); setting it to p gives
 *   q = p (1 − r) / (1 − p)          (p < 1; p = 1 means always lost)
 * With burst ≤ p, r = p = q: each transmission is lost independently with probability p.
 * A run of losses lasts 1 / (1 − r) transmissions on average.
 *
 * A piece lost k times in a row (original send, then k − 1 retransmissions) is held
 *   rto + 2 rto + … + 2^(k−1) rto = (2^k − 1) rto
 *   arrival ──rto──▶ retry ──2 rto──▶ retry ──4 rto──▶ delivered      (k = 3)
 * and then delivered; each retransmission is one more step of the same chain.
 */
class loss_stage final : public stage_base {
public:
    struct config {
        double p;  // stationary loss rate
        double q;  // good → bad
        double r;  // bad → bad
        nanoseconds rto;
    };

    loss_stage(const config& settings, const stage_context& context)
        : stage_base(context), settings_(settings) {
        lost_ = random_.chance(settings_.p);  // start from the stationary distribution
    }

    void on_piece(piece p, time_point at, stage_sink& out) override {
        count(p);
        if (p.is_end()) {
            out.emit(std::move(p), at);
            return;
        }
        int losses = 0;
        while (losses < max_losses && step())
            ++losses;
        if (losses == 0) {
            out.emit(std::move(p), at);
            return;
        }
        counters_.add_action();
        out.emit(std::move(p), at + settings_.rto * ((std::int64_t{1} << losses) - 1));
    }

private:
    // One transmission: advances the chain and returns true when it is lost.
    bool step() {
        lost_ = random_.chance(lost_ ? settings_.r : settings_.q);
        return lost_;
    }

    config settings_;
    bool lost_ = false;
};

std::shared_ptr<const toxic_factory> compile(const attribute_map& values) {
    const double p = number_of(values, "probability");
    const double r = std::max(number_of(values, "burst"), p);
    const double q = p >= 1.0 ? 1.0 : p * (1.0 - r) / (1.0 - p);
    return std::make_shared<stage_factory<loss_stage>>(
        loss_stage::config{p, q, r, milliseconds_of(values, "rto")});
}

}  // namespace

const toxic_descriptor loss_toxic{"loss",
                                  "holds back lost pieces as TCP's retransmission timeout would",
                                  attributes, no_cross_rules, compile};

}  // namespace faultline::proxies::toxics
