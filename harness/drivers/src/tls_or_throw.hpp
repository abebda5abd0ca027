#pragma once
// A workload's TLS context at driver construction, from settings the loader already checked.
#include <memory>

#include <faultline/net/tls_context.hpp>

namespace faultline::drivers {

/// tls_context::make(settings), or std::invalid_argument with its error (the loader makes the
/// same context first, so this only throws for settings it never saw).
std::shared_ptr<const net::tls_context> make_tls_or_throw(const net::tls_settings& settings);

}  // namespace faultline::drivers
