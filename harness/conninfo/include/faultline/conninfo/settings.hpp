#pragma once
/// A PostgreSQL connection string, read once by libpq's own parser for everyone who needs to
/// look inside one: the scenario loader (a postgres workload's target), `faultline check` (where
/// to probe), the run store (`--store`).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <faultline/core/expected.hpp>

namespace faultline::conninfo {

/// The settings a connection string gives, in libpq's order; unset keywords are absent.
class settings {
public:
    /// Parses `text`: libpq's `key=value` pairs or a `postgresql://` URI. The error is one line:
    /// "not a libpq connection string: " and libpq's reason.
    static expected<settings, std::string> parse(const std::string& text);

    /// The value of `keyword` ("host", "port", ...); empty when unset.
    std::string value(std::string_view keyword) const;
    /// Whether `keyword` is set.
    bool has(std::string_view keyword) const;

    /// Where libpq connects: hostaddr when set, else host; a comma-separated list, tried in
    /// order; an entry starting with '/' is a Unix socket folder. Empty: libpq would take PGHOST.
    std::string hosts() const;
    /// The entries of hosts(), in order.
    std::vector<std::string> host_list() const;
    /// The first entry of hosts().
    std::string first_host() const;
    /// The first entry of port; PGPORT, else 5432, when unset.
    std::string first_port() const;
    /// Every entry of hosts() is a loopback address (127.0.0.0/8, ::1, localhost) or a socket
    /// folder; false when hosts() is empty.
    bool local() const;

    /// Every setting as `key='value'` (libpq's quoting), space-separated.
    std::string to_string() const;

private:
    std::vector<std::pair<std::string, std::string>> values_;
};

}  // namespace faultline::conninfo
