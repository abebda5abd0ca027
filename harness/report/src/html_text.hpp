#pragma once
// Text pieces of report.html: escaping, numbers from summary.json, and tables.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace faultline::report::html {

/// `text` safe inside an element or a double- or single-quoted attribute: & < > " ' escaped,
/// control characters but tab and newline replaced by a space, and "://" written as "&#58;//" so
/// that no address from the summary reads as a URL in the file (it renders the same).
std::string escape(std::string_view text);

/// `value` with `decimals` digits after the point, "-" when it is not finite. Locale-free.
std::string fixed(double value, int decimals);

/// j[key] as text: a string as is, a number as fixed(…, decimals) followed by `unit`, a boolean as
/// "yes"/"no", anything else (null, missing) as `missing`. Not escaped.
std::string field(const nlohmann::json& j, const char* key, int decimals = 3,
                  std::string_view unit = {}, std::string_view missing = "-");

/// j[key] when it is a string, else `fallback`.
std::string string_of(const nlohmann::json& j, const char* key, std::string fallback = {});

/// j[key] when it is a number, else `fallback`.
double number_of(const nlohmann::json& j, const char* key, double fallback = 0);

/// j[key] when it is an array, else an empty array (a missing section renders as nothing).
const nlohmann::json& array_of(const nlohmann::json& j, const char* key);

/// An HTML table in a horizontally scrollable wrapper (a narrow screen scrolls the table, not
/// the page). Cells given as text are escaped; cells given through `html_row` are not. No
/// headers: no header row.
class table {
public:
    explicit table(const std::vector<std::string>& headers, std::string_view css_class = {});
    /// A row of plain-text cells; `row_class` is a CSS class for the <tr> (may be empty).
    void row(const std::vector<std::string>& cells, std::string_view row_class = {});
    /// A row of cells that are already HTML.
    void html_row(const std::vector<std::string>& cells, std::string_view row_class = {});
    std::string str() const;

private:
    std::string html_;
};

}  // namespace faultline::report::html
