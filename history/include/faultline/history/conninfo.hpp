#pragma once
/// The run store's libpq connection string, restricted to this machine.
#include <string>

#include <faultline/core/expected.hpp>

namespace faultline::history {

/// The seconds libpq may take to connect when the connection string does not say.
inline constexpr int default_connect_timeout_s = 5;

/// Checks `conninfo` (libpq's `key=value` pairs or a `postgresql://` URI): it must parse and
/// name, in `hostaddr` or else `host`, only loopback addresses (127.0.0.0/8, ::1, localhost) or
/// Unix socket folders (an absolute path); an empty host is refused (libpq would take it from
/// PGHOST). Returns the same settings as `key='value'` pairs, with `connect_timeout=5` added
/// when absent, or why the string is refused (one line).
expected<std::string, std::string> checked_conninfo(const std::string& conninfo);

}  // namespace faultline::history
