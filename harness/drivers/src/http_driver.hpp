#pragma once
// The HTTP/1.1 driver: keep-alive connections, timeouts, templates, setup request and captures.
#include <optional>
#include <string>
#include <vector>

#include <faultline/drivers/driver.hpp>
#include <faultline/drivers/http_config.hpp>

#include "http_request_template.hpp"

namespace faultline::drivers {

/// The immutable, compiled configuration of one HTTP workload.
struct http_config {
    http_request_template request;
    check_spec check;
    std::optional<http_request_template> setup;
    check_spec setup_check;
    std::vector<capture> captures;
    nanoseconds connect_timeout;
    nanoseconds request_timeout;
    bool keep_alive = true;
};

class http_driver final : public driver {
public:
    http_driver(const http_workload& spec, const check_spec& check, const driver_environment& env);
    std::shared_ptr<session> make_session(asio::any_io_executor executor,
                                          std::uint64_t seed) const override;

private:
    std::shared_ptr<const http_config> config_;
    std::shared_ptr<net::name_cache> names_;
};

}  // namespace faultline::drivers
