// slow_close: data passes; the end of the stream waits `delay` before it moves on.
#include "builtin_toxics.hpp"
#include "toxic_support.hpp"

namespace faultline::proxies::toxics {

namespace {

constexpr attribute_spec attributes[] = {
    {"delay", attribute_kind::integer, 0, 0, max_milliseconds, "ms",
     "how long the end of the stream is held after it arrives"},
};

class slow_close_stage final : public stage_base {
public:
    struct config {
        nanoseconds delay;
    };

    slow_close_stage(const config& settings, const stage_context& context)
        : stage_base(context), settings_(settings) {}

    void on_piece(piece p, time_point at, stage_sink& out) override {
        count(p);
        if (!p.is_end() || settings_.delay == nanoseconds::zero()) {
            out.emit(std::move(p), at);
            return;
        }
        counters_.add_action();
        out.emit(std::move(p), at + settings_.delay);
    }

private:
    config settings_;
};

std::shared_ptr<const toxic_factory> compile(const attribute_map& values) {
    return std::make_shared<stage_factory<slow_close_stage>>(
        slow_close_stage::config{milliseconds_of(values, "delay")});
}

}  // namespace

const toxic_descriptor slow_close_toxic{"slow_close", "delays the close of the stream", attributes,
                                        no_cross_rules, compile};

}  // namespace faultline::proxies::toxics
