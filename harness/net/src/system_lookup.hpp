#pragma once
// The system's resolver (getaddrinfo: /etc/hosts, DNS, as nsswitch.conf says) on threads of its
// own. getaddrinfo cannot be cancelled and may block for many seconds, so it never runs on a
// thread that must stay responsive: callers bound their wait and drop a late answer.
#include <functional>
#include <string>
#include <vector>

#include <faultline/core/asio.hpp>
#include <faultline/core/expected.hpp>
#include <faultline/net/family_policy.hpp>

namespace faultline::net::detail {

using lookup_result = expected<std::vector<asio::ip::address>, std::string>;

/// Blocks in getaddrinfo: the addresses of `host` that `family` keeps, in the resolver's order,
/// without duplicates; or why there are none ("Name or service not known", "no IPv6 address").
lookup_result system_lookup(const std::string& host, family_policy family);

/// Runs `work` on a detached thread.
void run_detached(std::function<void()> work);

/// Runs system_lookup on a detached thread and calls `done` there with its result.
void lookup_detached(std::string host, family_policy family,
                     std::function<void(lookup_result)> done);

}  // namespace faultline::net::detail
