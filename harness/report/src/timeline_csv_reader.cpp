#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>

#include <fmt/core.h>

#include <faultline/report/timeline_csv_reader.hpp>

namespace faultline::report {
namespace {

constexpr std::size_t noted_rows = 5;  // rows named one by one; the rest are counted

// Splits one CSV record (RFC 4180 quoting: the writer quotes names that need it).
std::vector<std::string> split_csv(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c != '\r') {
            fields.back() += c;
        }
    }
    return fields;
}

// Whether `record` ends inside a quoted field (an odd number of quotes: "" counts twice).
bool open_quote(const std::string& record) {
    return std::count(record.begin(), record.end(), '"') % 2 == 1;
}

std::optional<double> to_double(const std::string& text) {
    double v = 0;
    const auto* end = text.data() + text.size();
    const auto [at, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || at != end || !std::isfinite(v) || v < 0)
        return std::nullopt;
    return v;
}

std::optional<std::uint64_t> to_count(const std::string& text) {
    std::uint64_t v = 0;
    const auto* end = text.data() + text.size();
    const auto [at, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || at != end)
        return std::nullopt;
    return v;
}

// Where each needed column sits in a row.
struct columns {
    std::size_t end_s, workload, sent, ok, errors, p50, p99;
    std::size_t count;
};

std::optional<columns> find_columns(const std::vector<std::string>& header,
                                    std::vector<std::string>& notes) {
    const auto at = [&](const char* name) -> std::optional<std::size_t> {
        const auto it = std::find(header.begin(), header.end(), name);
        if (it == header.end())
            return std::nullopt;
        return static_cast<std::size_t>(it - header.begin());
    };
    std::string missing;
    const auto need = [&](const char* name) {
        const auto i = at(name);
        if (!i)
            missing += std::string(missing.empty() ? "" : ", ") + name;
        return i.value_or(0);
    };
    columns c{need("end_s"),  need("workload"), need("sent"),   need("ok"),
              need("errors"), need("p50_ms"),   need("p99_ms"), header.size()};
    if (!missing.empty()) {
        notes.push_back("timeline.csv: the header lacks " + missing + ": nothing charted");
        return std::nullopt;
    }
    return c;
}

// One data row, or why it cannot be used.
std::optional<timeline_point> parse_row(const std::vector<std::string>& f, const columns& c,
                                        std::string& why) {
    if (f.size() != c.count) {
        why = fmt::format("{} fields, expected {}", f.size(), c.count);
        return std::nullopt;
    }
    const auto end_s = to_double(f[c.end_s]);
    const auto sent = to_count(f[c.sent]);
    const auto ok = to_count(f[c.ok]);
    const auto errors = to_count(f[c.errors]);
    const auto p50 = to_double(f[c.p50]);
    const auto p99 = to_double(f[c.p99]);
    if (!end_s || !sent || !ok || !errors || !p50 || !p99) {
        why = "a field is not a non-negative number";
        return std::nullopt;
    }
    return timeline_point{*end_s, *sent, *ok, *errors, *p50, *p99};
}

}  // namespace

timeline_rows parse_timeline_csv(std::istream& in) {
    timeline_rows rows;
    rows.present = true;
    std::string line;
    if (!std::getline(in, line)) {
        rows.notes.push_back("timeline.csv is empty: nothing charted");
        return rows;
    }
    const auto cols = find_columns(split_csv(line), rows.notes);
    if (!cols)
        return rows;
    std::size_t line_no = 1;
    std::size_t skipped = 0;
    while (std::getline(in, line)) {
        ++line_no;
        // A quoted field may hold line breaks: the record goes on until its quotes close.
        for (std::string more; open_quote(line) && std::getline(in, more); ++line_no)
            line += "\n" + more;
        if (line.empty() || line == "\r")
            continue;
        const auto fields = split_csv(line);
        std::string why;
        const auto point = parse_row(fields, *cols, why);
        if (!point) {
            if (++skipped <= noted_rows)
                rows.notes.push_back(
                    fmt::format("timeline.csv line {}: {}: skipped", line_no, why));
            continue;
        }
        const auto& name = fields[cols->workload];
        auto it = std::find_if(rows.series.begin(), rows.series.end(),
                               [&](const timeline_series& s) { return s.workload == name; });
        if (it == rows.series.end())
            it = rows.series.insert(rows.series.end(), timeline_series{name, {}});
        it->points.push_back(*point);
    }
    if (skipped > noted_rows)
        rows.notes.push_back(
            fmt::format("timeline.csv: {} malformed rows skipped in all", skipped));
    return rows;
}

timeline_rows read_timeline_csv(const std::filesystem::path& folder) {
    const auto file = folder / "timeline.csv";
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return {};
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        timeline_rows rows;
        rows.present = true;
        rows.notes.push_back("timeline.csv cannot be read: nothing charted");
        return rows;
    }
    return parse_timeline_csv(in);
}

}  // namespace faultline::report
