#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <faultline/core/endpoint.hpp>
#include <faultline/proxy_api/populate_file.hpp>

#include "json_body.hpp"

namespace faultline::proxy_api {
namespace {

using detail::json;

// Where each entry of the top-level array starts, and where each key of an object entry is.
struct entry_position {
    std::size_t start = 0;
    std::map<std::string, std::size_t, std::less<>> keys;
};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Offset just past the string that starts with the quote at `open`.
std::size_t string_end(std::string_view text, std::size_t open) {
    std::size_t i = open + 1;
    while (i < text.size() && text[i] != '"')
        i += text[i] == '\\' ? 2 : 1;
    return i;
}

// One pass over text that nlohmann already accepted: positions for the diagnostics.
std::vector<entry_position> scan_entries(std::string_view text) {
    std::vector<entry_position> entries;
    int depth = 0;
    bool want_entry = false;
    bool want_key = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (is_space(c))
            continue;
        if (depth == 1 && want_entry && c != ']') {
            entries.push_back({i, {}});
            want_entry = false;
        }
        if (c == '"') {
            const std::size_t end = string_end(text, i);
            if (depth == 2 && want_key && !entries.empty())
                entries.back().keys.emplace(std::string(text.substr(i + 1, end - i - 1)), i);
            want_key = false;
            i = end;
        } else if (c == '[' || c == '{') {
            ++depth;
            want_entry = depth == 1 && c == '[';
            want_key = depth == 2 && c == '{';
        } else if (c == ']' || c == '}') {
            --depth;
        } else if (c == ',') {
            want_entry = depth == 1;
            want_key = depth == 2;
        }
    }
    return entries;
}

core::diagnostic at_offset(const std::string& file, std::string_view text, std::size_t offset,
                           std::string message) {
    offset = std::min(offset, text.size());
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return {file, line, static_cast<int>(offset - line_start) + 1, std::move(message)};
}

// nlohmann reports a syntax error at the last byte of the token it could not use: step back to
// where that token starts, which is where a reader looks.
std::size_t token_start(std::string_view text, std::size_t offset) {
    if (offset >= text.size())
        return text.size();
    auto is_word = [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               c == '.' || c == '-' || c == '+';
    };
    if (text[offset] == '"') {
        for (std::size_t i = offset; i-- > 0;) {
            if (text[i] == '"' && (i == 0 || text[i - 1] != '\\'))
                return i;
        }
        return offset;
    }
    while (offset > 0 && is_word(text[offset]) && is_word(text[offset - 1]))
        --offset;
    return offset;
}

// nlohmann's "[json.exception.parse_error.101] parse error at line 2, column 3: syntax error
// ..." → "syntax error ..." (the position is reported separately).
std::string parse_message(const json::parse_error& e) {
    std::string_view text(e.what());
    const auto colon = text.find(": ");
    if (text.find("parse error") != std::string_view::npos && colon != std::string_view::npos)
        text.remove_prefix(colon + 2);
    return std::string(text);
}

std::string address_problem(const std::string& field, std::string value) {
    if (field == "listen" && !value.empty() && value.front() == ':')
        value.insert(0, "127.0.0.1");  // an empty listen host binds 127.0.0.1
    auto parsed = core::parse_host_port(value);
    return parsed ? std::string{} : field + ": " + parsed.error();
}

// Checks entry `index`, adding what is wrong with it to `out`; the request when it is sound.
std::optional<proxies::proxy_request> check_entry(const json& entry, std::size_t index,
                                                  const entry_position& where,
                                                  std::string_view text, const std::string& file,
                                                  core::diagnostics& out) {
    const std::string label = "proxy " + std::to_string(index + 1) + ": ";
    auto located = [&](const std::string& field, std::string message) {
        auto key = where.keys.find(field);
        const std::size_t offset = key == where.keys.end() ? where.start : key->second;
        out.push_back(at_offset(file, text, offset, label + message));
    };
    auto request = detail::read_proxy_request(entry);
    if (!request) {
        located(request.error().field, request.error().error.message);
        return std::nullopt;
    }
    bool sound = true;
    for (const auto& [field, value] :
         {std::pair{std::string("listen"), request->listen}, {"upstream", request->upstream}}) {
        if (value.empty())
            continue;
        if (std::string problem = address_problem(field, value); !problem.empty()) {
            located(field, problem);
            sound = false;
        }
    }
    return sound ? std::optional(std::move(*request)) : std::nullopt;
}

}  // namespace

expected<std::vector<proxies::proxy_request>, core::diagnostics> parse_populate_document(
    std::string_view text, const std::string& file_name) {
    core::diagnostics problems;
    json document;
    try {
        document = json::parse(text);
    } catch (const json::parse_error& e) {
        const std::size_t offset = token_start(text, e.byte > 0 ? e.byte - 1 : 0);
        problems.push_back(at_offset(file_name, text, offset, parse_message(e)));
        return make_unexpected(problems);
    } catch (const json::exception& e) {
        problems.push_back({file_name, 0, 0, e.what()});
        return make_unexpected(problems);
    }
    if (!document.is_array()) {
        const std::size_t first = text.find_first_not_of(" \t\r\n");
        problems.push_back(at_offset(file_name, text, first == std::string_view::npos ? 0 : first,
                                     "expected a JSON array of proxies ({\"name\", \"listen\", "
                                     "\"upstream\", \"enabled\"})"));
        return make_unexpected(problems);
    }
    const std::vector<entry_position> positions = scan_entries(text);
    std::vector<proxies::proxy_request> list;
    std::set<std::string, std::less<>> names;
    for (std::size_t i = 0; i < document.size(); ++i) {
        const entry_position where = i < positions.size() ? positions[i] : entry_position{};
        auto request = check_entry(document[i], i, where, text, file_name, problems);
        if (!request)
            continue;
        if (!names.insert(request->name).second) {
            auto key = where.keys.find("name");
            problems.push_back(at_offset(file_name, text,
                                         key == where.keys.end() ? where.start : key->second,
                                         "proxy " + std::to_string(i + 1) +
                                             ": duplicate proxy name \"" + request->name + "\""));
            continue;
        }
        list.push_back(std::move(*request));
    }
    if (!problems.empty())
        return make_unexpected(problems);
    return list;
}

expected<std::vector<proxies::proxy_request>, core::diagnostics> load_populate_file(
    const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return make_unexpected(core::diagnostics{
            {path, 0, 0, std::string("cannot read the file: ") + std::strerror(errno)}});
    }
    std::ostringstream content;
    content << in.rdbuf();
    return parse_populate_document(content.str(), path);
}

}  // namespace faultline::proxy_api
