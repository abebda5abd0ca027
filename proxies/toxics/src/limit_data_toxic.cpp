// limit_data: passes `bytes` bytes in this direction, then closes the connection.
#include "builtin_toxics.hpp"
#include "toxic_support.hpp"

namespace faultline::proxies::toxics {

namespace {

constexpr attribute_spec attributes[] = {
    {"bytes", attribute_kind::integer, 0, 0, max_bytes, "bytes",
     "bytes that may pass in this direction before the connection is closed"},
};

class limit_data_stage final : public stage_base {
public:
    struct config {
        std::uint64_t bytes;
    };

    limit_data_stage(const config& settings, const stage_context& context)
        : stage_base(context), budget_(settings.bytes) {}

    void on_piece(piece p, time_point at, stage_sink& out) override {
        if (p.is_end()) {
            out.emit(std::move(p), at);
            return;
        }
        count(p);
        if (budget_.on_data(p, at, out))
            counters_.add_action();
    }

private:
    byte_budget budget_;
};

std::shared_ptr<const toxic_factory> compile(const attribute_map& values) {
    return std::make_shared<stage_factory<limit_data_stage>>(
        limit_data_stage::config{count_of(values, "bytes")});
}

}  // namespace

const toxic_descriptor limit_data_toxic{"limit_data",
                                        "closes the connection once a number of bytes has passed",
                                        attributes, no_cross_rules, compile};

}  // namespace faultline::proxies::toxics
