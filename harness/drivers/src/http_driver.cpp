#include "http_driver.hpp"

#include <faultline/config/section.hpp>

#include "builtin_drivers.hpp"
#include "driver_sections.hpp"
#include "http_session.hpp"

namespace faultline::drivers {

http_driver::http_driver(const http_workload& spec, const check_spec& check,
                         const driver_environment& env)
    : names_(env.names) {
    std::optional<http_request_template> setup;
    check_spec setup_check;
    std::vector<capture> captures;
    if (spec.setup) {
        setup.emplace(spec.setup->request, !spec.keep_alive);
        setup_check = spec.setup->check;
        captures = spec.setup->captures;
    }
    config_ = std::make_shared<const http_config>(
        http_config{http_request_template(spec.request, !spec.keep_alive), check, std::move(setup),
                    std::move(setup_check), std::move(captures), spec.connect_timeout,
                    spec.request_timeout, spec.keep_alive});
}

std::shared_ptr<session> http_driver::make_session(asio::any_io_executor executor,
                                                   std::uint64_t seed) const {
    return std::make_shared<http_session>(std::move(executor), config_, names_, seed);
}

}  // namespace faultline::drivers

namespace faultline::drivers {
namespace {

std::shared_ptr<const driver> make(const driver_config& config, const check_spec& check,
                                   const driver_environment& env) {
    return std::make_shared<http_driver>(dynamic_cast<const http_workload&>(config), check, env);
}

// The setup request's server, when it is another, then the workload's.
std::vector<target_address> targets(const driver_config& config) {
    const auto& http = dynamic_cast<const http_workload&>(config);
    std::vector<target_address> out;
    const auto tls_of = [](const http_request& r) {
        return r.https ? std::optional<net::tls_settings>(r.tls) : std::nullopt;
    };
    if (http.setup && !(http.setup->request.target == http.request.target))
        out.push_back({http.setup->request.target, {}, "setup", tls_of(http.setup->request)});
    out.push_back({http.request.target, {}, {}, tls_of(http.request)});
    return out;
}

}  // namespace

const driver_descriptor http_driver_descriptor{
    "http", "HTTP/1.1 requests on kept-open connections, with an optional setup request",
    read_as<http_workload, detail::read_http>, make, targets};

}  // namespace faultline::drivers
