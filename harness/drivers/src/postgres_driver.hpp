#pragma once
// The PostgreSQL driver: a connection per session (virtual user), each statement prepared once
// on it, one request = one statement or one transaction. It speaks through libpq's non-blocking
// API on the thread's event loop: libpqxx 6.4 only blocks, and a blocking call would stall every
// other connection of the thread (or cost a thread hand-off per request).
#include <memory>
#include <string>
#include <vector>

#include <faultline/core/endpoint.hpp>
#include <faultline/core/text_template.hpp>
#include <faultline/drivers/driver.hpp>
#include <faultline/drivers/postgres_config.hpp>

namespace faultline::drivers {

/// A statement with its compiled parameter templates.
struct postgres_prepared {
    std::string name;  ///< "faultline_0", ...: the prepared statement's name on each connection
    std::string query;
    std::vector<core::text_template> params;
};

/// The immutable, compiled configuration of one PostgreSQL workload.
struct postgres_config {
    std::string conninfo;
    /// The one named host the session resolves itself (libpq would block on it); empty host:
    /// libpq connects by itself (an address, a socket folder, several hosts, or hostaddr given).
    core::host_port dial;
    std::vector<postgres_prepared> statements;
    bool transaction = false;
    nanoseconds connect_timeout;
    nanoseconds request_timeout;
};

class postgres_driver final : public driver {
public:
    /// The loader validated the templates: a failure to compile throws std::invalid_argument.
    postgres_driver(const postgres_workload& spec, const driver_environment& env);
    std::shared_ptr<session> make_session(asio::any_io_executor executor,
                                          std::uint64_t seed) const override;

private:
    std::shared_ptr<const postgres_config> config_;
    std::shared_ptr<net::name_cache> names_;
};

}  // namespace faultline::drivers
