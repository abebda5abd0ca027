#include <fstream>
#include <stdexcept>

#include <faultline/report/summary_file.hpp>

namespace faultline::report {

nlohmann::json read_summary_json(const std::filesystem::path& folder) {
    const auto file = folder / "summary.json";
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::error_code ec;
        const char* why = std::filesystem::exists(file, ec) ? "cannot be opened" : "no such file";
        throw std::runtime_error("cannot read " + file.string() + ": " + why);
    }
    nlohmann::json summary;
    try {
        summary = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(file.string() + ": not valid JSON: " + e.what());
    }
    if (!summary.is_object() || !summary.contains("verdict"))
        throw std::runtime_error(file.string() +
                                 ": not a faultline summary (no \"verdict\" at the top level)");
    return summary;
}

}  // namespace faultline::report
