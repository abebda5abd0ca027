#include <charconv>
#include <cmath>

#include <faultline/toxics/toxic_descriptor.hpp>

namespace faultline::proxies {

namespace {

// Integral values print without a fraction ("250", not "250.000000"); others in shortest form.
std::string format_number(double v) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
    return std::string(buffer, result.ptr);
}

std::string accepted_names(const toxic_descriptor& type) {
    std::string names;
    for (const auto& spec : type.attributes) {
        if (!names.empty())
            names += ", ";
        names += spec.name;
    }
    return names.empty() ? std::string("none") : names;
}

// The message for a value that breaks its spec, or an empty string.
std::string check_value(const attribute_spec& spec, double value) {
    if (!std::isfinite(value))
        return "attribute " + std::string(spec.name) + " must be a finite number";
    if (spec.kind == attribute_kind::integer && std::trunc(value) != value)
        return "attribute " + std::string(spec.name) + " must be an integer, got " +
               format_number(value);
    if (value < spec.min || value > spec.max) {
        std::string message = "attribute " + std::string(spec.name) + " is " +
                              format_number(value) + ", outside [" + format_number(spec.min) +
                              ", " + format_number(spec.max) + "]";
        if (!spec.unit.empty())
            message += " " + std::string(spec.unit);
        return message;
    }
    return {};
}

}  // namespace

const attribute_spec* toxic_descriptor::find_attribute(std::string_view name) const {
    for (const auto& spec : attributes) {
        if (spec.name == name)
            return &spec;
    }
    return nullptr;
}

const toxic_descriptor* find_toxic_type(std::string_view type) {
    for (const toxic_descriptor* descriptor : builtin_toxics()) {
        if (descriptor->type == type)
            return descriptor;
    }
    return nullptr;
}

expected<attribute_map, std::string> complete_attributes(const toxic_descriptor& type,
                                                         const attribute_map& given) {
    attribute_map complete;
    for (const auto& spec : type.attributes)
        complete.emplace(std::string(spec.name), spec.default_value);
    for (const auto& [name, value] : given) {
        const attribute_spec* spec = type.find_attribute(name);
        if (spec == nullptr)
            return make_unexpected("unknown attribute " + name + " for toxic " +
                                   std::string(type.type) + " (accepted: " + accepted_names(type) +
                                   ")");
        if (std::string problem = check_value(*spec, value); !problem.empty())
            return make_unexpected(std::move(problem));
        complete[name] = value;
    }
    if (type.validate != nullptr) {
        if (std::string problem = type.validate(complete); !problem.empty())
            return make_unexpected(std::move(problem));
    }
    return complete;
}

}  // namespace faultline::proxies
