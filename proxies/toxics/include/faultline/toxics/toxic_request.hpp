#pragma once
/// A toxic as it is asked for: by the HTTP API, by a scenario (for the whole run or a fault's
/// span) and by a fault acting on any proxy. Plain data; validated against its type's descriptor
/// (complete_attributes) by whoever reads it.
#include <cstdint>
#include <optional>
#include <string>

#include <faultline/core/clock.hpp>
#include <faultline/toxics/toxic_descriptor.hpp>

namespace faultline::proxies {

/// POST /proxies/{name}/toxics. Empty name: "<type>_<stream>"; empty stream: downstream.
struct toxic_request {
    std::string name;
    std::string type;
    std::string stream;
    std::optional<double> toxicity;
    attribute_map attributes;               ///< merged over the type's defaults
    std::optional<nanoseconds> expires_in;  ///< the proxy removes the toxic itself after this
    std::optional<std::uint64_t> seed;
};

}  // namespace faultline::proxies
