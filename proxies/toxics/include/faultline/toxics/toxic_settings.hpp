#pragma once
/// A toxic's settings as the API shows them and a chain applies them, and the shared object links
/// hold while the toxic is active.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <faultline/core/clock.hpp>
#include <faultline/toxics/stream_direction.hpp>
#include <faultline/toxics/toxic.hpp>
#include <faultline/toxics/toxic_descriptor.hpp>

namespace faultline::proxies {

/// Validated and complete: every attribute of the type has a value.
struct toxic_settings {
    std::string name;
    std::string type;
    stream_direction stream = stream_direction::downstream;
    double toxicity = 1.0;  ///< probability, per connection, that the toxic applies to it
    attribute_map attributes;
    std::optional<nanoseconds> expires_in;  ///< the lease asked for when added or last updated
    std::uint64_t seed = 0;                 ///< given, or drawn when the toxic was added
};

/// A toxic as links see it. Immutable once published, except its counters; an update publishes a
/// new active_toxic with the same counters and a new generation.
struct active_toxic {
    toxic_settings settings;
    const toxic_descriptor* type = nullptr;
    std::shared_ptr<const toxic_factory> factory;
    std::shared_ptr<toxic_counters> counters;
    std::uint64_t generation = 0;  ///< unique per add or update, server-wide
};

/// The toxics of one direction of a proxy, in the order they were added.
using toxic_list = std::vector<std::shared_ptr<const active_toxic>>;

}  // namespace faultline::proxies
