// Every scenario shipped in the repository loads without a diagnostic.
#include <algorithm>
#include <filesystem>
#include <vector>

#include <catch2/catch.hpp>

#include <faultline/scenario/loader.hpp>

namespace {

std::vector<std::filesystem::path> shipped_scenarios() {
    const std::filesystem::path root = FAULTLINE_SOURCE_DIR;
    std::vector<std::filesystem::path> files;
    for (const auto& folder : {root / "scenarios", root / "scenarios" / "examples"}) {
        if (!std::filesystem::is_directory(folder))
            continue;
        for (const auto& entry : std::filesystem::directory_iterator(folder)) {
            if (entry.is_regular_file() && entry.path().extension() == ".toml") {
                files.push_back(entry.path());
            }
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("every shipped scenario loads without diagnostics", "[scenario][shipped]") {
    const auto files = shipped_scenarios();
    REQUIRE(files.size() >= 3);  // scenarios/examples/ holds at least three
    for (const auto& file : files) {
        INFO(file.string());
        auto loaded = faultline::scenario::load_scenario_file(file.string());
        INFO((loaded ? std::string() : faultline::core::to_string(loaded.error())));
        CHECK(loaded.has_value());
        if (loaded)
            CHECK(loaded->source_path == file.string());
    }
}
