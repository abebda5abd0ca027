#include "redis_driver.hpp"

#include "redis_session.hpp"

namespace faultline::drivers {

redis_driver::redis_driver(const scenario::redis_workload& spec)
    : config_(std::make_shared<const redis_config>(redis_config{
          spec.address, redis_command(spec.command), spec.connect_timeout, spec.request_timeout})) {
}

std::shared_ptr<session> redis_driver::make_session(asio::any_io_executor executor,
                                                    std::uint64_t seed) const {
    return std::make_shared<redis_session>(std::move(executor), config_, seed);
}

}  // namespace faultline::drivers
