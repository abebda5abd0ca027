#pragma once
/// The kinds of a whole-proxy outage, as a scenario names them and a fault applies them.
#include <string>

namespace faultline::faults {

/// How a proxy outage looks.
enum class proxy_outage {
    refuse,     ///< the proxy stops listening: connects are refused, open connections close
    blackhole,  ///< connections stay open, nothing passes in either direction
    reset,      ///< every connection, open or new, is reset (TCP RST)
};

/// "refuse", "blackhole" or "reset".
std::string to_string(proxy_outage kind);

}  // namespace faultline::faults
