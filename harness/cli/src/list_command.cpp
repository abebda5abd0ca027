#include "list_command.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include <fmt/core.h>

#include <faultline/scenario/loader.hpp>

#include "run_command.hpp"

namespace faultline::cli {
namespace {

namespace fs = std::filesystem;

// The '#' lines at the top of `text`, "# " stripped, joined with spaces.
std::string leading_comment(std::string_view text) {
    std::string joined;
    bool started = false;
    std::istringstream lines{std::string(text)};
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty() && !started)
            continue;
        if (line.empty() || line.front() != '#')
            break;
        started = true;
        auto body = std::string_view(line).substr(line.starts_with("# ") ? 2 : 1);
        while (!body.empty() && body.back() == ' ')
            body.remove_suffix(1);
        if (!body.empty())
            joined += (joined.empty() ? "" : " ") + std::string(body);
    }
    return joined;
}

// The first `width` bytes of `text` ending at a word, then "...". Never splits a UTF-8 sequence.
std::string clipped(std::string text, std::size_t width) {
    if (text.size() <= width)
        return text;
    const std::size_t limit = width > 3 ? width - 3 : 0;
    auto cut = text.rfind(' ', limit);
    if (cut == std::string::npos || cut == 0) {
        cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut;
    }
    text.resize(cut);
    while (!text.empty() && (text.back() == ' ' || text.back() == ',' || text.back() == ':'))
        text.pop_back();
    return text + "...";
}

std::vector<fs::path> scenario_files(const fs::path& folder, bool recursive) {
    std::vector<fs::path> files;
    const auto add = [&](const fs::directory_entry& entry) {
        if (entry.is_regular_file() && entry.path().extension() == ".toml")
            files.push_back(entry.path());
    };
    if (recursive) {
        for (const auto& entry : fs::recursive_directory_iterator(folder))
            add(entry);
    } else {
        for (const auto& entry : fs::directory_iterator(folder))
            add(entry);
    }
    std::sort(files.begin(), files.end());
    return files;
}

struct listed {
    std::string file;
    std::string name;
    std::string about;
};

listed describe_file(const fs::path& file, const fs::path& folder) {
    listed out{fs::relative(file, folder).string(), "-", {}};
    auto loaded = scenario::load_scenario_file(file.string());
    if (!loaded) {
        out.about = "invalid: " + loaded.error().front().to_string();
        return out;
    }
    out.name = loaded->name;
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    out.about = scenario_description(text.str());
    return out;
}

}  // namespace

std::string scenario_description(std::string_view text, std::size_t width) {
    auto about = leading_comment(text);
    if (const auto end = about.find(". "); end != std::string::npos)
        about.resize(end + 1);
    return clipped(std::move(about), width);
}

int list_command(const std::string& folder, bool recursive) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        std::cerr << "faultline list: " << folder
                  << (fs::exists(folder, ec) ? " is not a folder\n" : ": no such folder\n");
        return core::exit_usage;
    }
    std::vector<listed> rows;
    try {
        for (const auto& file : scenario_files(folder, recursive))
            rows.push_back(describe_file(file, folder));
    } catch (const fs::filesystem_error& e) {
        std::cerr << "faultline list: " << e.what() << "\n";
        return core::exit_usage;
    }
    if (rows.empty()) {
        std::cerr << "faultline list: no scenarios (*.toml files) in " << folder
                  << (recursive ? " or its subfolders" : "") << "\n";
        return core::exit_usage;
    }
    std::size_t file_width = 0;
    std::size_t name_width = 0;
    for (const auto& row : rows) {
        file_width = std::max(file_width, row.file.size());
        name_width = std::max(name_width, row.name.size());
    }
    for (const auto& row : rows)
        std::cout << fmt::format("{:<{}}  {:<{}}  {}\n", row.file, file_width, row.name, name_width,
                                 row.about);
    return core::exit_ok;
}

}  // namespace faultline::cli
