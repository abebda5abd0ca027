#include <faultline/drivers/make_driver.hpp>

#include "http_driver.hpp"
#include "postgres_driver.hpp"
#include "redis_driver.hpp"

namespace faultline::drivers {

// One line per protocol: the variant alternative and the driver that serves it.
std::shared_ptr<const driver> make_driver(const scenario::workload& workload) {
    return std::visit(
        [&](const auto& spec) -> std::shared_ptr<const driver> {
            using spec_type = std::decay_t<decltype(spec)>;
            if constexpr (std::is_same_v<spec_type, scenario::http_workload>) {
                return std::make_shared<http_driver>(spec, workload.check);
            } else if constexpr (std::is_same_v<spec_type, scenario::redis_workload>) {
                return std::make_shared<redis_driver>(spec);
            } else if constexpr (std::is_same_v<spec_type, scenario::postgres_workload>) {
                return std::make_shared<postgres_driver>(spec);
            }
        },
        workload.driver);
}

}  // namespace faultline::drivers
