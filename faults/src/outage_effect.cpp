// A proxy outage. refuse disables the proxy (its listener closes: connects are refused, and open
// connections are cut); blackhole and reset are toxics (toxic_set.hpp).
#include <faultline/faults/proxy_effects.hpp>

#include "toxic_set.hpp"

namespace faultline::faults {
namespace {

class refuse_effect final : public fault_effect {
public:
    refuse_effect(proxies::proxy_server& server, std::string proxy)
        : server_(server), proxy_(std::move(proxy)) {}

    expected<void, std::string> apply() override {
        auto before = server_.find(proxy_);
        if (!before)
            return make_unexpected("proxy " + proxy_ + ": " + before.error().message);
        auto disabled = server_.update(proxy_, proxies::proxy_patch{{}, {}, false});
        if (!disabled)
            return make_unexpected("proxy " + proxy_ + ": " + disabled.error().message);
        cut_ = before->traffic.connections_open;
        return {};
    }

    expected<void, std::string> remove(bool) noexcept override {
        auto enabled = server_.update(proxy_, proxies::proxy_patch{{}, {}, true});
        if (!enabled)
            return make_unexpected("proxy " + proxy_ + ": " + enabled.error().message);
        return {};
    }

    touch_counts touched() const override { return {{"connections_cut", cut_}}; }

private:
    proxies::proxy_server& server_;
    std::string proxy_;
    std::uint64_t cut_ = 0;
};

}  // namespace

std::unique_ptr<fault_effect> make_outage_effect(proxies::proxy_server& server, std::string proxy,
                                                 proxy_outage kind, std::string fault_name) {
    if (kind == proxy_outage::refuse)
        return std::make_unique<refuse_effect>(server, std::move(proxy));
    return make_toxic_outage(server, std::move(proxy), kind, fault_name);
}

}  // namespace faultline::faults
