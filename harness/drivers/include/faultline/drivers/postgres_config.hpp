#pragma once
/// The PostgreSQL driver's settings for one workload: `postgres = { ... }`, a connection per
/// virtual user, each statement prepared once on it, one request = one statement, or one
/// transaction.
#include <string>
#include <vector>

#include <faultline/core/clock.hpp>
#include <faultline/drivers/driver_config.hpp>

namespace faultline::drivers {

/// One statement: SQL with $1..$N and a template per parameter.
struct postgres_statement {
    std::string query;                ///< prepared once per connection
    std::vector<std::string> params;  ///< templates, sent as text; exactly N of them
};

struct postgres_workload final : driver_config {
    std::string conninfo;  ///< a libpq connection string naming its host (or a socket folder)
    std::vector<postgres_statement> statements;  ///< one, or the transaction's in order
    bool transaction = false;                    ///< BEGIN ... COMMIT around the statements
    nanoseconds connect_timeout = std::chrono::seconds(2);
    /// The whole request (all statements of a transaction).
    nanoseconds request_timeout = std::chrono::seconds(5);
};

}  // namespace faultline::drivers
