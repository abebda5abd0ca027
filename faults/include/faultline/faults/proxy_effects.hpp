#pragma once
/// Faults on a proxy, through its proxy_control: a toxic for the fault's span, or an outage of
/// the whole proxy. When the control leases toxics, the effect renews each lease every third of
/// it while the fault lasts, so a run that dies leaves nothing behind for longer than a lease.
#include <memory>
#include <string>
#include <vector>

#include <faultline/faults/fault_effect.hpp>
#include <faultline/faults/proxy_control.hpp>
#include <faultline/faults/proxy_outage.hpp>

namespace faultline::faults {

/// Adds `toxics` (names set) to proxy `proxy` together and removes them together; on a failure
/// to add one, those already added are removed. Touched: the toxics' summed counts
/// (connections, pieces, bytes, actions). `lease`: each toxic's when the control leases() (then
/// renewed every third of it). `control` must outlive the effect.
std::unique_ptr<fault_effect> make_toxic_effect(proxy_control& control, std::string proxy,
                                                std::vector<proxies::toxic_request> toxics,
                                                nanoseconds lease);

/// refuse: the proxy is disabled and enabled again; touched: the connections cut. blackhole: a
/// `timeout` toxic (no timeout) on both directions: connections open, nothing passes; removing
/// it closes them. reset: a `reset_peer` toxic (no delay): every connection reset. Touched: the
/// toxics' counts. The toxics are named after `fault_name`, leased as make_toxic_effect's.
std::unique_ptr<fault_effect> make_outage_effect(proxy_control& control, std::string proxy,
                                                 proxy_outage kind, const std::string& fault_name,
                                                 nanoseconds lease);

/// The toxics that make a blackhole or a reset outage named `name` (none for refuse).
std::vector<proxies::toxic_request> outage_toxics(proxy_outage kind, const std::string& name);

}  // namespace faultline::faults
