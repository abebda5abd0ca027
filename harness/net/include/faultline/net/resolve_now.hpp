#pragma once
/// A one-off, bounded name resolution for the commands that check targets before any load
/// (validate, check): blocks the calling thread for at most `timeout`.
#include <string>
#include <vector>

#include <faultline/core/asio.hpp>
#include <faultline/core/clock.hpp>
#include <faultline/core/expected.hpp>
#include <faultline/net/family_policy.hpp>

namespace faultline::net {

/// The addresses of `host` (a name or a literal), filtered by `family`, without duplicates; or
/// why there are none: the resolver's message, "timed out after 5 s", or "no IPv6 address".
expected<std::vector<asio::ip::address>, std::string> resolve_now(const std::string& host,
                                                                  family_policy family,
                                                                  nanoseconds timeout);

}  // namespace faultline::net
