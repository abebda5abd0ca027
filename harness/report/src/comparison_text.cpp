// `faultline compare` output: the comparison as an aligned text table or a Markdown table.
#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/core.h>

#include <faultline/report/comparison.hpp>

namespace faultline::report {
namespace {

constexpr std::size_t columns = 5;  // metric, baseline, current, delta, mark
using line = std::array<std::string, columns>;

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The metric's unit is its name's suffix, as in summary.json.
std::string value_text(const std::string& metric, std::optional<double> v) {
    if (!v)
        return "n/a";
    if (metric == "error_rate")
        return fmt::format("{:.3f}%", *v * 100);
    if (ends_with(metric, "_ms"))
        return fmt::format("{:.3f}", *v);
    if (ends_with(metric, "_s"))
        return fmt::format("{:.2f}", *v);
    return fmt::format("{:.1f}", *v);
}

std::string mark_text(const comparison_row& row, std::string_view regression) {
    std::string mark(row.regression ? regression : "");
    if (!row.note.empty())
        mark += (mark.empty() ? "" : ": ") + row.note;
    return mark;
}

line cells(const comparison_row& row, std::string_view regression) {
    const auto change = relative_change(row);
    return {row.scope + " " + row.metric, value_text(row.metric, row.baseline),
            value_text(row.metric, row.current),
            change ? fmt::format("{:+.1f}%", *change * 100) : "n/a", mark_text(row, regression)};
}

std::string verdict_line(const comparison& c) {
    const auto n = c.regressions();
    const auto threshold = fmt::format("{:g}%", c.threshold * 100);
    if (n == 0)
        return "no regression beyond " + threshold;
    return fmt::format("{} regression{} beyond {}", n, n == 1 ? "" : "s", threshold);
}

// A Markdown cell: a '|' would end it.
std::string escaped(std::string_view text) {
    std::string out;
    for (char ch : text) {
        if (ch == '|')
            out += '\\';
        out += ch;
    }
    return out;
}

}  // namespace

std::string render_comparison_text(const comparison& c) {
    std::vector<line> lines{{"metric", "baseline", "current", "delta", ""}};
    for (const auto& row : c.rows)
        lines.push_back(cells(row, "REGRESSION"));
    std::array<std::size_t, columns> width{};
    for (const auto& l : lines) {
        for (std::size_t i = 0; i < columns; ++i)
            width[i] = std::max(width[i], l[i].size());
    }
    std::string out;
    for (const auto& l : lines) {
        std::string text = fmt::format("{:<{}}  {:>{}}  {:>{}}  {:>{}}  {}", l[0], width[0], l[1],
                                       width[1], l[2], width[2], l[3], width[3], l[4]);
        text.erase(text.find_last_not_of(' ') + 1);
        out += text + '\n';
    }
    for (const auto& note : c.notes)
        out += "note: " + note + '\n';
    return out + verdict_line(c) + '\n';
}

std::string render_comparison_markdown(const comparison& c) {
    std::string out =
        "| metric | baseline | current | delta | |\n"
        "|:---|---:|---:|---:|:---|\n";
    for (const auto& row : c.rows) {
        const auto l = cells(row, "**regression**");
        out += "|";
        for (const auto& cell : l)
            out += " " + escaped(cell) + " |";
        out += '\n';
    }
    if (!c.notes.empty())
        out += '\n';
    for (const auto& note : c.notes)
        out += "- " + escaped(note) + '\n';
    return out + "\n**" + verdict_line(c) + "**\n";
}

}  // namespace faultline::report
