#pragma once
/// Faults on a proxy of the run: a toxic for the fault's span, or an outage of the whole proxy.
#include <memory>
#include <string>

#include <faultline/faults/fault_effect.hpp>
#include <faultline/proxies/proxy_server.hpp>

namespace faultline::faults {

/// Adds `toxic` to proxy `proxy` and removes it again. Touched: the connections and pieces (data
/// chunks) that reached it, and its actions.
std::unique_ptr<fault_effect> make_toxic_effect(proxies::proxy_server& server, std::string proxy,
                                                proxies::toxic_request toxic);

/// How a proxy outage looks (scenario::outage_kind, without depending on the scenario).
enum class proxy_outage { refuse, blackhole, reset };

/// refuse: the proxy is disabled (connects refused, open connections cut) and enabled again;
/// touched: the connections cut. blackhole: a `timeout` toxic (no timeout) on both directions:
/// connections open, nothing passes; removing it closes them. reset: a `reset_peer` toxic
/// (no delay): every connection reset. Touched: the toxics' connections and pieces.
std::unique_ptr<fault_effect> make_outage_effect(proxies::proxy_server& server, std::string proxy,
                                                 proxy_outage kind, std::string fault_name);

}  // namespace faultline::faults
