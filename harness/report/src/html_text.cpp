#include "html_text.hpp"

#include <cmath>

#include <fmt/core.h>

namespace faultline::report::html {

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            case ':':
                out += text.substr(i + 1, 2) == "//" ? "&#58;" : ":";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n')
                    out += ' ';
                else
                    out += c;
        }
    }
    return out;
}

std::string fixed(double value, int decimals) {
    if (!std::isfinite(value))
        return "-";
    return fmt::format("{:.{}f}", value, decimals);
}

std::string field(const nlohmann::json& j, const char* key, int decimals, std::string_view unit,
                  std::string_view missing) {
    const auto it = j.find(key);
    if (it == j.end())
        return std::string(missing);
    if (it->is_string())
        return it->get<std::string>();
    if (it->is_boolean())
        return it->get<bool>() ? "yes" : "no";
    if (it->is_number())
        return fixed(it->get<double>(), decimals) + std::string(unit);
    return std::string(missing);
}

std::string string_of(const nlohmann::json& j, const char* key, std::string fallback) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

double number_of(const nlohmann::json& j, const char* key, double fallback) {
    const auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<double>() : fallback;
}

const nlohmann::json& array_of(const nlohmann::json& j, const char* key) {
    static const nlohmann::json empty = nlohmann::json::array();
    const auto it = j.find(key);
    return it != j.end() && it->is_array() ? *it : empty;
}

table::table(const std::vector<std::string>& headers, std::string_view css_class) {
    html_ = "<div class=\"table-wrap\"><table";
    if (!css_class.empty())
        html_ += " class=\"" + escape(css_class) + "\"";
    html_ += ">\n";
    if (!headers.empty()) {
        html_ += "<thead><tr>";
        for (const auto& h : headers)
            html_ += "<th>" + escape(h) + "</th>";
        html_ += "</tr></thead>\n";
    }
    html_ += "<tbody>\n";
}

void table::row(const std::vector<std::string>& cells, std::string_view row_class) {
    std::vector<std::string> escaped;
    escaped.reserve(cells.size());
    for (const auto& c : cells)
        escaped.push_back(escape(c));
    html_row(escaped, row_class);
}

void table::html_row(const std::vector<std::string>& cells, std::string_view row_class) {
    html_ += row_class.empty() ? "<tr>" : "<tr class=\"" + escape(row_class) + "\">";
    for (const auto& c : cells)
        html_ += "<td>" + c + "</td>";
    html_ += "</tr>\n";
}

std::string table::str() const {
    return html_ + "</tbody>\n</table></div>\n";
}

}  // namespace faultline::report::html
