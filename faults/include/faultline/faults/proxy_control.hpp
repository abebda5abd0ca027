#pragma once
/// How faults act on a fault proxy, whoever runs it: the run's own proxies in this process, or a
/// standalone proxy (faultline proxy, Toxiproxy) behind its HTTP API. Faults know only this
/// interface; the run provides the implementations (run/in_process_proxy_control.hpp,
/// run/http_proxy_control.hpp). Calls come from the fault timeline's thread (and, for leases,
/// from an effect's renewing thread): implementations must be safe to call from both.
#include <cstdint>
#include <string>

#include <faultline/core/clock.hpp>
#include <faultline/core/expected.hpp>
#include <faultline/faults/fault_record.hpp>
#include <faultline/toxics/toxic_request.hpp>

namespace faultline::faults {

class proxy_control {
public:
    virtual ~proxy_control() = default;

    /// Adds `toxic` (its name set) to proxy `proxy`. When leases() and `toxic.expires_in` is set,
    /// the proxy removes the toxic by itself unless renew() comes within that lease. The error
    /// is one line: which proxy and toxic, and why.
    virtual expected<void, std::string> add_toxic(const std::string& proxy,
                                                  const proxies::toxic_request& toxic) = 0;

    /// Removes toxic `toxic` of `proxy`; a toxic already gone is not an error.
    virtual expected<void, std::string> remove_toxic(const std::string& proxy,
                                                     const std::string& toxic) noexcept = 0;

    /// What toxic `toxic` of `proxy` has touched so far: connections, pieces, bytes, actions.
    virtual expected<touch_counts, std::string> toxic_counts(const std::string& proxy,
                                                             const std::string& toxic) const = 0;

    /// Disables (refuses new connections, cuts open ones) or enables proxy `proxy`. Returns the
    /// connections that were open just before.
    virtual expected<std::uint64_t, std::string> set_enabled(const std::string& proxy,
                                                             bool enabled) = 0;

    /// True when the proxy outlives the run (a standalone one): its toxics must be leased, and
    /// their leases renewed while the fault lasts, so that a run that dies leaves nothing
    /// behind. False for the run's own proxies, which go when the run goes.
    virtual bool leases() const = 0;

    /// A new lease of `lease` from now for toxic `toxic` of `proxy` (only when leases()).
    virtual expected<void, std::string> renew(const std::string& proxy, const std::string& toxic,
                                              nanoseconds lease) = 0;
};

}  // namespace faultline::faults
