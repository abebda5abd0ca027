#pragma once
/// A toxic type's description: its name, its attributes (with Toxiproxy's names, units and
/// defaults), and how it turns validated attributes into a factory of stages. One per toxic file,
/// listed one line each in builtin_toxics.cpp. See CREATING_TOXICS.md.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include <faultline/core/expected.hpp>
#include <faultline/toxics/toxic.hpp>

namespace faultline::proxies {

/// A toxic's attribute values by name. Values are numbers, as in Toxiproxy's JSON.
using attribute_map = std::map<std::string, double, std::less<>>;

/// Whether an attribute is written as an integer (Toxiproxy's int64 fields) or a real number.
enum class attribute_kind : std::uint8_t { integer, number };

/// One attribute of a toxic type.
struct attribute_spec {
    std::string_view name;
    attribute_kind kind;
    double default_value;
    double min;             ///< inclusive
    double max;             ///< inclusive
    std::string_view unit;  ///< as documented: "ms", "µs", "KB/s", "bytes", "" (a probability)
    std::string_view doc;   ///< one line for the reference
};

/// A toxic type. `validate` checks rules across attributes (each attribute's own range is checked
/// from its spec before) and returns an error message, or an empty string. `compile` is called
/// only with a complete, validated map.
struct toxic_descriptor {
    std::string_view type;
    std::string_view summary;
    std::span<const attribute_spec> attributes;
    std::string (*validate)(const attribute_map& attributes);
    std::shared_ptr<const toxic_factory> (*compile)(const attribute_map& attributes);

    /// The spec of attribute `name`, or nullptr.
    const attribute_spec* find_attribute(std::string_view name) const;
};

/// Every toxic type faultline knows, in the order of the reference.
std::span<const toxic_descriptor* const> builtin_toxics();

/// The descriptor of `type`, or nullptr.
const toxic_descriptor* find_toxic_type(std::string_view type);

/// Starts from the type's defaults, applies `given` over them and checks every value: known name,
/// integer where the spec says so, within [min, max], then the type's own rule. Returns the
/// complete map, or an error message naming the attribute and what was expected.
expected<attribute_map, std::string> complete_attributes(const toxic_descriptor& type,
                                                         const attribute_map& given);

}  // namespace faultline::proxies
