#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>

#include <fmt/core.h>

#include <faultline/report/summary_file.hpp>
#include <faultline/report/summary_renderers.hpp>

namespace faultline::report {
namespace {

void write_text(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out)
        throw std::runtime_error("cannot write " + file.string());
}

// FNV-1a, 64 bits: identifies the scenario file as run (not a cryptographic digest).
std::string scenario_hash(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return {};
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (auto it = std::istreambuf_iterator<char>(in); it != std::istreambuf_iterator<char>();
         ++it) {
        hash ^= static_cast<unsigned char>(*it);
        hash *= 0x100000001b3ULL;
    }
    return fmt::format("{:016x}", hash);
}

}  // namespace

void render_results_folder(const std::filesystem::path& folder, const render_context& context) {
    const auto summary = read_summary_json(folder);
    write_text(folder / "junit.xml", render_junit_xml(summary, context));
    auto html_context = context;
    if (html_context.scenario_hash.empty())
        html_context.scenario_hash = scenario_hash(folder / "scenario.toml");
    write_text(folder / "report.html",
               render_html_report(summary, read_timeline_csv(folder), html_context));
}

}  // namespace faultline::report
