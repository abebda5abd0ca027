#include "overrides.hpp"

#include <charconv>
#include <cstdio>
#include <memory>
#include <optional>

namespace faultline::scenario::detail {
namespace {

struct segment {
    std::string text;
    std::size_t column = 0;  // 1-based, in the override text
};

struct override_parts {
    std::vector<segment> path;
    std::size_t value_start = 0;  // 0-based offset of the value in the override text
};

// Splits "a.b.\"c.d\"=VALUE" into its key segments; reports malformed keys.
std::optional<override_parts> split(context& ctx, std::size_t index, std::string_view text) {
    const auto eq = text.find('=');
    if (eq == std::string_view::npos) {
        ctx.override_error(index, 1, "expected KEY=VALUE such as ramp.max=64, but there is no '='");
        return std::nullopt;
    }
    override_parts parts;
    parts.value_start = eq + 1;
    std::size_t i = 0;
    while (true) {
        segment seg{{}, i + 1};
        if (i < eq && text[i] == '"') {
            const auto close = text.find('"', i + 1);
            if (close == std::string_view::npos || close > eq) {
                ctx.override_error(index, static_cast<int>(i + 1), "unterminated quoted key");
                return std::nullopt;
            }
            seg.text = std::string(text.substr(i + 1, close - i - 1));
            i = close + 1;
        } else {
            const auto end = std::min(text.find('.', i), eq);
            seg.text = std::string(text.substr(i, end - i));
            i = end;
            if (seg.text.empty()) {
                ctx.override_error(index, static_cast<int>(seg.column),
                                   "expected a key before '" + std::string(1, text[i]) + "'");
                return std::nullopt;
            }
        }
        parts.path.push_back(std::move(seg));
        if (i == eq)
            return parts;
        if (text[i] != '.') {
            ctx.override_error(index, static_cast<int>(i + 1),
                               "expected '.' or '=' after a quoted key");
            return std::nullopt;
        }
        ++i;
    }
}

std::string quoted(std::string_view raw) {
    std::string out = "\"";
    for (char c : raw) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x",
                          static_cast<unsigned>(static_cast<unsigned char>(c)));
            out += buf;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

// Parses "v<pad>=<value>" so that the value sits at the same column as in the override text,
// and the resulting nodes carry the override's source name. Not a TOML value -> a string.
std::optional<toml::table> parse_value(std::size_t index, std::string_view text,
                                       std::size_t value_start) {
    const std::string name = override_source_name(index);
    std::string_view value = text.substr(value_start);
    const std::string line = "v" + std::string(value_start - 2, ' ') + "=";
    if (value.find_first_of("\r\n") == std::string_view::npos) {
        try {
            toml::table parsed = toml::parse(line + std::string(value), std::string_view{name});
            if (parsed.size() == 1 && parsed.contains("v"))
                return parsed;
        } catch (const toml::parse_error&) {
            // not a TOML value: taken as a plain string below
        }
    }
    std::size_t skip = 0;
    while (skip < value.size() && value[skip] == ' ')
        ++skip;
    const std::string padded = "v" + std::string(value_start + skip - 2, ' ') + "=";
    try {
        return toml::parse(padded + quoted(value.substr(skip)), std::string_view{name});
    } catch (const toml::parse_error&) {
        return std::nullopt;  // not even a string: invalid UTF-8
    }
}

// An empty table whose source position is column `column` of override `index`.
toml::table sourced_table(std::size_t index, std::size_t column) {
    toml::table parsed = toml::parse(std::string(column - 1, ' ') + "[t]",
                                     std::string_view{override_source_name(index)});
    return std::move(*parsed.get_as<toml::table>("t"));
}

toml::key sourced_key(std::size_t index, const segment& seg) {
    toml::source_region where;
    where.begin = {1, static_cast<toml::source_index>(seg.column)};
    where.end = {1, static_cast<toml::source_index>(seg.column + seg.text.size())};
    where.path = std::make_shared<const std::string>(override_source_name(index));
    return toml::key(seg.text, std::move(where));
}

std::optional<std::size_t> to_index(std::string_view text) {
    std::size_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size())
        return std::nullopt;
    return value;
}

std::string joined(const std::vector<segment>& path, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i)
        out += (i ? "." : "") + path[i].text;
    return out;
}

void apply_one(toml::table& root, context& ctx, std::size_t index, const override_parts& parts,
               toml::node&& value) {
    toml::node* current = &root;
    for (std::size_t s = 0; s < parts.path.size(); ++s) {
        const segment& seg = parts.path[s];
        const bool last = s + 1 == parts.path.size();
        const int column = static_cast<int>(seg.column);
        if (auto* table = current->as_table()) {
            if (last) {
                table->insert_or_assign(sourced_key(index, seg), std::move(value));
                return;
            }
            if (table->get(seg.text) == nullptr) {
                table->insert(sourced_key(index, seg), sourced_table(index, seg.column));
            }
            current = table->get(seg.text);
        } else if (auto* array = current->as_array()) {
            const auto position = to_index(seg.text);
            if (!position) {
                return ctx.override_error(index, column,
                                          joined(parts.path, s) +
                                              " is an array: expected an index such as " +
                                              joined(parts.path, s) + ".0, got '" + seg.text + "'");
            }
            if (*position >= array->size()) {
                return ctx.override_error(index, column,
                                          "index " + seg.text + " is past the end of " +
                                              joined(parts.path, s) + ", which has " +
                                              std::to_string(array->size()) + " element(s)");
            }
            if (last) {
                array->replace(array->cbegin() + static_cast<std::ptrdiff_t>(*position),
                               std::move(value));
                return;
            }
            current = array->get(*position);
        } else {
            return ctx.override_error(
                index, column,
                joined(parts.path, s) + " is " + describe(*current) + ", not a table or an array");
        }
    }
}

}  // namespace

void apply_overrides(toml::table& root, context& ctx, const std::vector<std::string>& overrides) {
    for (std::size_t i = 0; i < overrides.size(); ++i) {
        auto parts = split(ctx, i, overrides[i]);
        if (!parts)
            continue;
        auto holder = parse_value(i, overrides[i], parts->value_start);
        if (!holder) {
            ctx.override_error(i, static_cast<int>(parts->value_start + 1),
                               "the value is not valid UTF-8 text");
            continue;
        }
        apply_one(root, ctx, i, *parts, std::move(*holder->get("v")));
    }
}

}  // namespace faultline::scenario::detail
