#pragma once
// The proxy control of a standalone proxy (a `faultline proxy` or a Toxiproxy the run does not
// own), through its HTTP API. Every toxic is added with a lease (`expires_in`, faultline's
// extra) that the fault renews while it lasts: if the run dies, the proxy removes the toxics
// itself when the lease runs out.
#include <string>

#include <faultline/faults/proxy_control.hpp>
#include <faultline/proxy_api/api_client.hpp>

namespace faultline::run {

class http_proxy_control final : public faults::proxy_control {
public:
    /// `api`: "127.0.0.1:8474"; `token`: the bearer token (empty: none).
    http_proxy_control(std::string api, std::string token);

    expected<void, std::string> add_toxic(const std::string& proxy,
                                          const proxies::toxic_request& toxic) override;
    expected<void, std::string> remove_toxic(const std::string& proxy,
                                             const std::string& toxic) noexcept override;
    expected<faults::touch_counts, std::string> toxic_counts(
        const std::string& proxy, const std::string& toxic) const override;
    /// Refused: a disabled standalone proxy would outlive a killed run (no lease covers it).
    expected<std::uint64_t, std::string> set_enabled(const std::string& proxy,
                                                     bool enabled) override;
    bool leases() const override { return true; }
    expected<void, std::string> renew(const std::string& proxy, const std::string& toxic,
                                      nanoseconds lease) override;

private:
    std::string api_;
    proxy_api::api_client client_;  ///< a connection per request: safe from any thread
};

}  // namespace faultline::run
