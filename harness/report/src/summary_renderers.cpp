#include <fstream>
#include <sstream>

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

}  // namespace

void render_results_folder(const std::filesystem::path& folder, const render_context& context) {
    const auto file = folder / "summary.json";
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + file.string() + ": no such file");
    nlohmann::json summary;
    try {
        summary = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(file.string() + ": not valid JSON: " + e.what());
    }
    if (!summary.is_object() || !summary.contains("verdict"))
        throw std::runtime_error(file.string() +
                                 ": not a faultline summary (no \"verdict\" at the top level)");
    write_text(folder / "junit.xml", render_junit_xml(summary, context));
}

}  // namespace faultline::report
