#pragma once
// The proxy control of the run's own proxies: straight calls into their proxy_server.
#include <faultline/faults/proxy_control.hpp>
#include <faultline/proxies/proxy_server.hpp>

namespace faultline::run {

/// Toxics live until removed (no lease: the run that owns the proxies removes them on every
/// exit path). `server` must outlive the control.
class in_process_proxy_control final : public faults::proxy_control {
public:
    explicit in_process_proxy_control(proxies::proxy_server& server) : server_(server) {}

    expected<void, std::string> add_toxic(const std::string& proxy,
                                          const proxies::toxic_request& toxic) override;
    expected<void, std::string> remove_toxic(const std::string& proxy,
                                             const std::string& toxic) noexcept override;
    expected<faults::touch_counts, std::string> toxic_counts(
        const std::string& proxy, const std::string& toxic) const override;
    expected<std::uint64_t, std::string> set_enabled(const std::string& proxy,
                                                     bool enabled) override;
    bool leases() const override { return false; }
    expected<void, std::string> renew(const std::string&, const std::string&,
                                      nanoseconds) override {
        return {};
    }

private:
    proxies::proxy_server& server_;
};

}  // namespace faultline::run
