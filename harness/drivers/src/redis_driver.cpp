#include "redis_driver.hpp"

#include <faultline/config/section.hpp>

#include "builtin_drivers.hpp"
#include "driver_sections.hpp"
#include "redis_session.hpp"
#include "tls_or_throw.hpp"

namespace faultline::drivers {

redis_driver::redis_driver(const redis_workload& spec, const driver_environment& env)
    : config_(std::make_shared<const redis_config>(
          redis_config{spec.address, redis_command(spec.command), spec.connect_timeout,
                       spec.request_timeout, spec.tls ? make_tls_or_throw(*spec.tls) : nullptr})),
      names_(env.names) {}

std::shared_ptr<session> redis_driver::make_session(asio::any_io_executor executor,
                                                    std::uint64_t seed) const {
    return std::make_shared<redis_session>(std::move(executor), config_, names_, seed);
}

}  // namespace faultline::drivers

namespace faultline::drivers {
namespace {

std::shared_ptr<const driver> make(const driver_config& config, const check_spec&,
                                   const driver_environment& env) {
    return std::make_shared<redis_driver>(dynamic_cast<const redis_workload&>(config), env);
}

std::vector<target_address> targets(const driver_config& config) {
    const auto& redis = dynamic_cast<const redis_workload&>(config);
    return {{redis.address, {}, {}, redis.tls}};
}

}  // namespace

const driver_descriptor redis_driver_descriptor{
    "redis", "one Redis command per request on a kept-open connection",
    read_as<redis_workload, detail::read_redis>, make, targets};

}  // namespace faultline::drivers
