#include <cstdio>

#include <faultline/ramps/criteria.hpp>

namespace faultline::ramps {

std::string latency_limit::name() const {
    if (quantile >= 100)
        return "max";
    char text[32];
    std::snprintf(text, sizeof text, "p%g", quantile);
    return text;
}

const char* to_string(trip_unit unit) noexcept {
    switch (unit) {
        case trip_unit::fraction:
            return "fraction";
        case trip_unit::milliseconds:
            return "ms";
        case trip_unit::count:
            return "count";
    }
    return "fraction";
}

std::vector<std::string> windowed_criteria(const criteria& c) {
    std::vector<std::string> names;
    if (c.error_rate)
        names.emplace_back("error_rate");
    for (const auto& limit : c.latency)
        names.push_back(limit.name());
    if (c.min_attainment)
        names.emplace_back("min_attainment");
    if (c.max_dropped)
        names.emplace_back("max_dropped");
    return names;
}

}  // namespace faultline::ramps
