#pragma once
/// Opening a TCP listener the way every faultline server does (API, live metrics).
#include <string>

#include <faultline/core/asio.hpp>

namespace faultline::core {

/// Opens, binds (with SO_REUSEADDR) and listens `acceptor` on `endpoint`; returns the bound
/// address (the real port when 0 was asked) or the first error.
tcp::endpoint open_listener(tcp::acceptor& acceptor, const tcp::endpoint& endpoint, error_code& ec);

/// `value` escaped for a Prometheus or OpenMetrics label value: backslash, double quote and
/// newline.
std::string escape_label_value(std::string_view value);

}  // namespace faultline::core
