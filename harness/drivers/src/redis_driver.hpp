#pragma once
// The Redis driver: one kept-open connection per session, one command per request, the reply
// read with hiredis's RESP reader.
#include <memory>

#include <faultline/drivers/driver.hpp>
#include <faultline/drivers/redis_config.hpp>
#include <faultline/net/tls_context.hpp>

#include "redis_command.hpp"

namespace faultline::drivers {

/// The immutable, compiled configuration of one Redis workload.
struct redis_config {
    core::host_port address;
    redis_command command;
    nanoseconds connect_timeout;
    nanoseconds request_timeout;
    std::shared_ptr<const net::tls_context> tls;  ///< set for Redis over TLS
};

class redis_driver final : public driver {
public:
    redis_driver(const redis_workload& spec, const driver_environment& env);
    std::shared_ptr<session> make_session(asio::any_io_executor executor,
                                          std::uint64_t seed) const override;

private:
    std::shared_ptr<const redis_config> config_;
    std::shared_ptr<net::name_cache> names_;
};

}  // namespace faultline::drivers
