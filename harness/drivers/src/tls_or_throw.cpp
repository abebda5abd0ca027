#include "tls_or_throw.hpp"

#include <stdexcept>

namespace faultline::drivers {

std::shared_ptr<const net::tls_context> make_tls_or_throw(const net::tls_settings& settings) {
    auto made = net::tls_context::make(settings);
    if (!made)
        throw std::invalid_argument("tls: " + made.error());
    return *made;
}

}  // namespace faultline::drivers
