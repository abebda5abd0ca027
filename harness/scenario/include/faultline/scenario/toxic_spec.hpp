#pragma once
/// A toxic as a scenario names it (on a proxy for the whole run, or for a fault's span): the
/// proxy's own toxic request, validated against its type by the loader.
#include <faultline/toxics/toxic_request.hpp>

namespace faultline::scenario {

/// Its stream is "downstream" and its toxicity 1 unless the scenario says otherwise; its
/// attributes are complete (the type's defaults filled in), in the toxic's own units.
using toxic_spec = proxies::toxic_request;

}  // namespace faultline::scenario
