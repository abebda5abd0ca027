#include <cctype>

#include <faultline/config/env_substitution.hpp>

namespace faultline::config {
namespace {

bool is_name_char(char c, bool first) {
    const auto u = static_cast<unsigned char>(c);
    return c == '_' || std::isalpha(u) != 0 || (!first && std::isdigit(u) != 0);
}

bool is_valid_name(std::string_view name) {
    if (name.empty())
        return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (!is_name_char(name[i], i == 0))
            return false;
    }
    return true;
}

}  // namespace

expected<std::string, std::vector<substitution_error>> substitute_env(
    std::string_view text,
    const std::function<std::optional<std::string>(const std::string&)>& lookup) {
    std::string out;
    std::vector<substitution_error> errors;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::string_view rest = text.substr(i);
        if (rest.starts_with("$${")) {
            out += "${";
            i += 3;
            continue;
        }
        if (!rest.starts_with("${")) {
            out += text[i++];
            continue;
        }
        const auto close = rest.find('}');
        if (close == std::string_view::npos) {
            errors.push_back({i, "'${' is not closed by '}' (write $${ for a literal ${)"});
            break;
        }
        const std::string name(rest.substr(2, close - 2));
        if (!is_valid_name(name)) {
            errors.push_back({i, "'${" + name +
                                     "}' is not a valid environment variable reference; "
                                     "expected ${NAME} with letters, digits and '_'"});
        } else if (auto value = lookup(name)) {
            out += *value;
        } else {
            errors.push_back({i, "environment variable " + name + " is not set"});
        }
        i += close + 1;
    }
    if (!errors.empty())
        return make_unexpected(std::move(errors));
    return out;
}

}  // namespace faultline::config
