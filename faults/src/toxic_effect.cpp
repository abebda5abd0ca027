// A toxic for a fault's span (also the blackhole and reset outages, which are toxics).
#include <faultline/faults/leased_toxics.hpp>
#include <faultline/faults/proxy_effects.hpp>

#include "toxic_set.hpp"

namespace faultline::faults {
namespace {

class toxic_effect final : public fault_effect {
public:
    toxic_effect(proxies::proxy_server& server, std::string proxy,
                 std::vector<proxies::toxic_request> toxics)
        : toxics_(server, std::move(proxy), std::move(toxics)) {}

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

std::unique_ptr<fault_effect> make_toxic_effect(proxies::proxy_server& server, std::string proxy,
                                                proxies::toxic_request toxic) {
    return std::make_unique<toxic_effect>(server, std::move(proxy),
                                          std::vector<proxies::toxic_request>{std::move(toxic)});
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

std::unique_ptr<fault_effect> make_toxic_outage(proxies::proxy_server& server, std::string proxy,
                                                proxy_outage kind, const std::string& name) {
    return std::make_unique<toxic_effect>(server, std::move(proxy), outage_toxics(kind, name));
}

}  // namespace faultline::faults
