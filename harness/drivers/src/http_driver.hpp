#pragma once
// The HTTP/1.1 driver: keep-alive connections, timeouts, templates, setup request and captures.
#include <optional>
#include <string>
#include <vector>

#include <faultline/drivers/driver.hpp>
#include <faultline/scenario/scenario.hpp>

#include "http_request_template.hpp"

namespace faultline::drivers {

/// The immutable, compiled configuration of one HTTP workload.
struct http_config {
    http_request_template request;
    scenario::check_spec check;
    std::optional<http_request_template> setup;
    scenario::check_spec setup_check;
    std::vector<scenario::capture> captures;
    nanoseconds connect_timeout;
    nanoseconds request_timeout;
};

class http_driver final : public driver {
public:
    http_driver(const scenario::http_workload& spec, const scenario::check_spec& check);
    std::shared_ptr<session> make_session(asio::any_io_executor executor,
                                          std::uint64_t seed) const override;

private:
    std::shared_ptr<const http_config> config_;
};

}  // namespace faultline::drivers
