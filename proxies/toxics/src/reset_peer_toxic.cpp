// reset_peer: data passes; `timeout` after the stage starts, the connection is reset (RST).
#include "builtin_toxics.hpp"
#include "toxic_support.hpp"

namespace faultline::proxies::toxics {

namespace {

constexpr attribute_spec attributes[] = {
    {"timeout", attribute_kind::integer, 0, 0, max_milliseconds, "ms",
     "time after the toxic reaches a connection until it is reset; 0 = at once"},
};

class reset_peer_stage final : public stage_base {
public:
    struct config {
        nanoseconds timeout;
    };

    reset_peer_stage(const config& settings, const stage_context& context)
        : stage_base(context), settings_(settings) {}

    // Called at connect and when the toxic joins an open connection, so both kinds are reset.
    void start(time_point now, stage_sink& out) override { out.wake_at(now + settings_.timeout); }

    void on_piece(piece p, time_point at, stage_sink& out) override {
        count(p);
        out.emit(std::move(p), at);
    }

    void on_timer(time_point now, stage_sink& out) override {
        if (fired_)
            return;
        fired_ = true;
        counters_.add_action();
        out.close_connection(close_kind::reset, now);
    }

private:
    config settings_;
    bool fired_ = false;
};

std::shared_ptr<const toxic_factory> compile(const attribute_map& values) {
    return std::make_shared<stage_factory<reset_peer_stage>>(
        reset_peer_stage::config{milliseconds_of(values, "timeout")});
}

}  // namespace

const toxic_descriptor reset_peer_toxic{"reset_peer",
                                        "resets the connection (TCP RST) after a timeout",
                                        attributes, no_cross_rules, compile};

}  // namespace faultline::proxies::toxics
