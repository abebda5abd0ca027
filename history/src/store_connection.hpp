#pragma once
// The run store's connection and the helpers its source files share.
#include <stdexcept>
#include <string>

#include <pqxx/connection>

#include <faultline/history/run_store.hpp>

namespace faultline::history {

struct run_store::connection {
    /// Connects to `conninfo` (already checked) and sets the session's timeouts.
    explicit connection(const std::string& conninfo);

    std::string conninfo;  ///< checked: loopback, with connect_timeout
    pqxx::connection db;
    std::string where;  ///< "host:port/dbname"
};

/// Brings the schema of the store at `where` to known_schema_version() (run_store::migrate).
int migrate_schema(pqxx::connection& db, const std::string& where);

/// An exception's message on one line: libpq's lines, trimmed, joined with "; ".
std::string one_line(const std::string& message);

/// Returns f(); any exception it throws comes out as std::runtime_error(one_line(what)).
template <class F>
auto one_line_errors(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const std::exception& e) {
        throw std::runtime_error(one_line(e.what()));
    }
}

}  // namespace faultline::history
