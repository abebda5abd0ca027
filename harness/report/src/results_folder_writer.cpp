#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>

#include <fmt/core.h>

#include <faultline/report/results_writer.hpp>
#include <faultline/report/summary_file.hpp>
#include <faultline/report/summary_renderers.hpp>

#include "builtin_writers.hpp"

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

// Reads what the rendered files are made from, and renders each of them.
void render_from_folder(const std::filesystem::path& folder, const render_context& context) {
    folder_input input{read_summary_json(folder), read_timeline_csv(folder), context};
    if (input.context.scenario_hash.empty())
        input.context.scenario_hash = scenario_hash(folder / "scenario.toml");
    for (const auto* writer : builtin_writers()) {
        if (writer->from_folder != nullptr)
            write_text(folder / writer->file, writer->from_folder(input));
    }
}

}  // namespace

void write_results_folder(const run_output& run, const std::filesystem::path& folder,
                          const render_context& context) {
    for (const auto* writer : builtin_writers()) {
        if (writer->from_run != nullptr)
            writer->from_run(run, folder / writer->file);
    }
    render_from_folder(folder, context);
}

void render_results_folder(const std::filesystem::path& folder, const render_context& context) {
    render_from_folder(folder, context);
}

}  // namespace faultline::report
