#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <sstream>

#include <faultline/config/context.hpp>

namespace faultline::config {
namespace {

constexpr std::string_view override_prefix = "--set#";

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (true) {
        auto end = text.find('\n');
        lines.push_back(text.substr(0, end));
        if (end == std::string_view::npos)
            break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

std::optional<std::size_t> override_index(const toml::source_region& where) {
    if (!where.path)
        return std::nullopt;
    std::string_view path = *where.path;
    if (!path.starts_with(override_prefix))
        return std::nullopt;
    path.remove_prefix(override_prefix.size());
    std::size_t index = 0;
    auto [end, ec] = std::from_chars(path.data(), path.data() + path.size(), index);
    if (ec != std::errc{} || end != path.data() + path.size())
        return std::nullopt;
    return index;
}

}  // namespace

std::string override_source_name(std::size_t index) {
    return std::string(override_prefix) + std::to_string(index);
}

context::context(std::string file, std::string_view text, std::vector<std::string> overrides,
                 env_lookup env)
    : file_(std::move(file)),
      lines_(split_lines(text)),
      overrides_(std::move(overrides)),
      env_(std::move(env)) {}

context::location context::locate(const toml::source_region& where) const {
    if (auto index = override_index(where); index && *index < overrides_.size()) {
        return {"--set", static_cast<int>(*index + 1), static_cast<int>(where.begin.column),
                " (in --set '" + overrides_.at(*index) + "')"};
    }
    return {file_, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column), {}};
}

std::string_view context::source_line(const toml::source_region& where) const {
    if (auto index = override_index(where); index && *index < overrides_.size())
        return overrides_[*index];
    if (where.begin.line == 0 || where.begin.line > lines_.size())
        return {};
    return lines_[where.begin.line - 1];
}

void context::add(location at, std::string message) {
    diagnostics_.push_back(
        core::diagnostic{std::move(at.file), at.line, at.column, message + at.suffix});
}

void context::error(const toml::source_region& where, std::string message) {
    add(locate(where), std::move(message));
}

void context::error_in_string(const toml::node& where, std::string_view text, std::size_t offset,
                              std::string message) {
    auto at = locate(where.source());
    const std::string_view line = source_line(where.source());
    const auto column = static_cast<std::size_t>(at.column);
    const std::string_view prefix = text.substr(0, std::min(offset, text.size()));
    if (column >= 1 && column <= line.size()) {
        const std::string_view rest = line.substr(column - 1);
        const bool quoted = rest.starts_with('"') || rest.starts_with('\'');
        const bool triple = rest.starts_with("\"\"\"") || rest.starts_with("'''");
        // Only when the source shows the text verbatim up to the offset (no escapes, no ${VAR}
        // substituted before it) does a column inside the string mean something.
        if (quoted && !triple && rest.substr(1).starts_with(prefix)) {
            at.column += static_cast<int>(1 + prefix.size());
        } else if (!quoted && rest.starts_with(prefix)) {
            at.column += static_cast<int>(prefix.size());  // an unquoted --set value
        }
    }
    add(std::move(at), std::move(message));
}

void context::override_error(std::size_t index, int column, std::string message) {
    add({"--set", static_cast<int>(index + 1), column,
         " (in --set '" + overrides_.at(index) + "')"},
        std::move(message));
}

std::optional<std::string> context::env(const std::string& name) const {
    if (env_)
        return env_(name);
    const char* value = std::getenv(name.c_str());
    if (value == nullptr)
        return std::nullopt;
    return std::string(value);
}

core::diagnostics context::take_sorted() {
    std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                     [this](const core::diagnostic& a, const core::diagnostic& b) {
                         const bool a_other = a.file != file_;
                         const bool b_other = b.file != file_;
                         if (a_other != b_other)
                             return b_other;
                         if (a.line != b.line)
                             return a.line < b.line;
                         return a.column < b.column;
                     });
    return std::move(diagnostics_);
}

std::string describe(const toml::node& node) {
    std::ostringstream out;
    switch (node.type()) {
        case toml::node_type::table:
            return "a table";
        case toml::node_type::array:
            return "an array";
        case toml::node_type::string:
            out << "string \"" << *node.value<std::string>() << '"';
            break;
        case toml::node_type::integer:
            out << "integer " << *node.value<std::int64_t>();
            break;
        case toml::node_type::floating_point:
            out << "float " << *node.value<double>();
            break;
        case toml::node_type::boolean:
            out << "boolean " << (*node.value<bool>() ? "true" : "false");
            break;
        case toml::node_type::date:
            out << "date " << *node.as_date();
            break;
        case toml::node_type::time:
            out << "time " << *node.as_time();
            break;
        case toml::node_type::date_time:
            out << "date-time " << *node.as_date_time();
            break;
        default:
            out << "nothing";
            break;
    }
    return out.str();
}

}  // namespace faultline::config
