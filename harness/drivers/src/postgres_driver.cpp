#include "postgres_driver.hpp"

#include <stdexcept>

#include "postgres_session.hpp"

namespace faultline::drivers {
namespace {
postgres_config compile(const scenario::postgres_workload& spec) {
    postgres_config c{
        spec.conninfo, {}, spec.transaction, spec.connect_timeout, spec.request_timeout};
    for (std::size_t i = 0; i < spec.statements.size(); ++i) {
        postgres_prepared p{"faultline_" + std::to_string(i), spec.statements[i].query, {}};
        for (const auto& text : spec.statements[i].params) {
            auto compiled = core::text_template::compile(text);
            if (!compiled)
                throw std::invalid_argument("postgres parameter '" + text +
                                            "': " + compiled.error().message);
            p.params.push_back(std::move(*compiled));
        }
        c.statements.push_back(std::move(p));
    }
    return c;
}
}  // namespace

postgres_driver::postgres_driver(const scenario::postgres_workload& spec)
    : config_(std::make_shared<const postgres_config>(compile(spec))) {}

std::shared_ptr<session> postgres_driver::make_session(asio::any_io_executor executor,
                                                       std::uint64_t seed) const {
    return std::make_shared<postgres_session>(std::move(executor), config_, seed);
}

}  // namespace faultline::drivers
