#pragma once
/// A toxic as a scenario names it: on a proxy for the whole run, or for a fault's span.
#include <map>
#include <string>

namespace faultline::scenario {

/// Validated against the toxic's type by the loader.
struct toxic_spec {
    std::string type;
    std::string name;  ///< empty: "<type>_<stream>"
    std::string stream = "downstream";
    double toxicity = 1.0;
    std::map<std::string, double> attributes;  ///< in the toxic's own units (ms, µs, KB/s, bytes)
};

}  // namespace faultline::scenario
