#include "http_driver.hpp"

#include "http_session.hpp"

namespace faultline::drivers {

http_driver::http_driver(const scenario::http_workload& spec, const scenario::check_spec& check) {
    std::optional<http_request_template> setup;
    scenario::check_spec setup_check;
    std::vector<scenario::capture> captures;
    if (spec.setup) {
        setup.emplace(spec.setup->request);
        setup_check = spec.setup->check;
        captures = spec.setup->captures;
    }
    config_ = std::make_shared<const http_config>(http_config{
        http_request_template(spec.request), check, std::move(setup), std::move(setup_check),
        std::move(captures), spec.connect_timeout, spec.request_timeout});
}

std::shared_ptr<session> http_driver::make_session(asio::any_io_executor executor,
                                                   std::uint64_t seed) const {
    return std::make_shared<http_session>(std::move(executor), config_, seed);
}

}  // namespace faultline::drivers
