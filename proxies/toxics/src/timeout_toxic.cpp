// timeout: swallows all data; after `timeout` (if not 0) closes the connection.
#include "builtin_toxics.hpp"
#include "toxic_support.hpp"

namespace faultline::proxies::toxics {

namespace {

constexpr attribute_spec attributes[] = {
    {"timeout", attribute_kind::integer, 0, 0, max_milliseconds, "ms",
     "time after which the connection is closed; 0 = hold the data forever"},
};

class timeout_stage final : public stage_base {
public:
    struct config {
        nanoseconds timeout;
    };

    timeout_stage(const config& settings, const stage_context& context)
        : stage_base(context), settings_(settings) {}

    void start(time_point now, stage_sink& out) override {
        if (settings_.timeout > nanoseconds::zero())
            out.wake_at(now + settings_.timeout);
    }

    void on_piece(piece p, time_point at, stage_sink& out) override {
        if (p.is_end()) {
            out.emit(std::move(p), at);
            return;
        }
        count(p);
        counters_.add_action();  // swallowed: Toxiproxy's timeout drops what it holds
    }

    void on_timer(time_point now, stage_sink& out) override {
        if (fired_)
            return;
        fired_ = true;
        counters_.add_action();
        out.close_connection(close_kind::graceful, now);
    }

    // The swallowed bytes are gone, so the stream cannot go on without them.
    bool closes_on_removal() const override { return true; }

private:
    config settings_;
    bool fired_ = false;
};

std::shared_ptr<const toxic_factory> compile(const attribute_map& values) {
    return std::make_shared<stage_factory<timeout_stage>>(
        timeout_stage::config{milliseconds_of(values, "timeout")});
}

}  // namespace

const toxic_descriptor timeout_toxic{"timeout",
                                     "stops all data and closes the connection after a timeout",
                                     attributes, no_cross_rules, compile};

}  // namespace faultline::proxies::toxics
