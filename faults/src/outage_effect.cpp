// A proxy outage. refuse disables the proxy (its listener closes: connects are refused, and open
// connections are cut); blackhole and reset are toxics (outage_toxics).
#include <faultline/faults/proxy_effects.hpp>

namespace faultline::faults {
namespace {

class refuse_effect final : public fault_effect {
public:
    refuse_effect(proxy_control& control, std::string proxy)
        : control_(control), proxy_(std::move(proxy)) {}

    expected<void, std::string> apply() override {
        auto disabled = control_.set_enabled(proxy_, false);
        if (!disabled)
            return make_unexpected(disabled.error());
        cut_ = *disabled;
        return {};
    }

    expected<void, std::string> remove(bool) noexcept override {
        auto enabled = control_.set_enabled(proxy_, true);
        if (!enabled)
            return make_unexpected(enabled.error());
        return {};
    }

    touch_counts touched() const override { return {{"connections_cut", cut_}}; }

private:
    proxy_control& control_;
    std::string proxy_;
    std::uint64_t cut_ = 0;
};

}  // namespace

std::string to_string(proxy_outage kind) {
    switch (kind) {
        case proxy_outage::refuse:
            return "refuse";
        case proxy_outage::blackhole:
            return "blackhole";
        case proxy_outage::reset:
            return "reset";
    }
    return "refuse";
}

std::unique_ptr<fault_effect> make_outage_effect(proxy_control& control, std::string proxy,
                                                 proxy_outage kind, const std::string& fault_name,
                                                 nanoseconds lease) {
    if (kind == proxy_outage::refuse)
        return std::make_unique<refuse_effect>(control, std::move(proxy));
    return make_toxic_effect(control, std::move(proxy), outage_toxics(kind, fault_name), lease);
}

}  // namespace faultline::faults
