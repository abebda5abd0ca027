// drop (beyond Toxiproxy): with `probability`, this connection is closed at once or after
// `after_bytes` bytes in this direction. Decided once per stage, when it starts.
#include <optional>

#include "builtin_toxics.hpp"
#include "toxic_support.hpp"

namespace faultline::proxies::toxics {

namespace {

constexpr attribute_spec attributes[] = {
    {"probability", attribute_kind::number, 1, 0, 1, "",
     "chance that a connection is dropped, drawn once when the toxic reaches it"},
    {"after_bytes", attribute_kind::integer, 0, 0, max_bytes, "bytes",
     "bytes a dropped connection still passes in this direction; 0 = close at once"},
};

class drop_stage final : public stage_base {
public:
    struct config {
        double probability;
        std::uint64_t after_bytes;
    };

    drop_stage(const config& settings, const stage_context& context)
        : stage_base(context), settings_(settings) {}

    void start(time_point now, stage_sink& out) override { decide(now, out); }

    void on_piece(piece p, time_point at, stage_sink& out) override {
        if (!decided_)
            decide(at, out);
        count(p);
        if (p.is_end() || !budget_) {
            out.emit(std::move(p), at);
            return;
        }
        if (budget_->on_data(p, at, out))
            counters_.add_action();
    }

private:
    void decide(time_point now, stage_sink& out) {
        decided_ = true;
        if (!random_.chance(settings_.probability))
            return;
        budget_.emplace(settings_.after_bytes);
        if (settings_.after_bytes == 0) {
            counters_.add_action();
            budget_->close_now(now, out);
        }
    }

    config settings_;
    bool decided_ = false;
    std::optional<byte_budget> budget_;  // set when this connection is dropped
};

std::shared_ptr<const toxic_factory> compile(const attribute_map& values) {
    return std::make_shared<stage_factory<drop_stage>>(
        drop_stage::config{number_of(values, "probability"), count_of(values, "after_bytes")});
}

}  // namespace

const toxic_descriptor drop_toxic{"drop",
                                  "closes a share of connections, at once or after some bytes",
                                  attributes, no_cross_rules, compile};

}  // namespace faultline::proxies::toxics
