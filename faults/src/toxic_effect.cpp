// A toxic for a fault's span (also the blackhole and reset outages, which are toxics).
#include <faultline/faults/proxy_effects.hpp>

#include "toxic_set.hpp"

namespace faultline::faults {
namespace {

class toxic_effect final : public fault_effect {
public:
    toxic_effect(proxy_control& control, std::string proxy,
                 std::vector<proxies::toxic_request> toxics, nanoseconds lease)
        : toxics_(control, std::move(proxy), std::move(toxics), lease) {}

    expected<void, std::string> apply() override { return toxics_.add(); }
    expected<void, std::string> remove(bool) noexcept override { return toxics_.remove(); }
    touch_counts touched() const override { return toxics_.touched(); }

private:
    toxic_set toxics_;
};

proxies::toxic_request outage_toxic(const std::string& name, const std::string& type,
                                    const std::string& stream) {
    proxies::toxic_request r;
    r.name = name + "_" + stream;
    r.type = type;
    r.stream = stream;
    r.toxicity = 1.0;
    r.attributes["timeout"] = 0;
    return r;
}

}  // namespace

std::unique_ptr<fault_effect> make_toxic_effect(proxy_control& control, std::string proxy,
                                                std::vector<proxies::toxic_request> toxics,
                                                nanoseconds lease) {
    return std::make_unique<toxic_effect>(control, std::move(proxy), std::move(toxics), lease);
}

std::vector<proxies::toxic_request> outage_toxics(proxy_outage kind, const std::string& name) {
    std::vector<proxies::toxic_request> toxics;
    if (kind == proxy_outage::blackhole) {
        // Both directions: neither the requests nor the answers pass.
        toxics.push_back(outage_toxic(name, "timeout", "upstream"));
        toxics.push_back(outage_toxic(name, "timeout", "downstream"));
    } else if (kind == proxy_outage::reset) {
        toxics.push_back(outage_toxic(name, "reset_peer", "downstream"));
    }
    return toxics;
}

}  // namespace faultline::faults
