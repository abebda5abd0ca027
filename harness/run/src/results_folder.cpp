#include <ctime>

#include <faultline/run/results_folder.hpp>

namespace faultline::run {

expected<std::filesystem::path, std::string> prepare_results_folder(
    const std::string& requested, const std::string& scenario_name,
    const std::string& scenario_path, std::chrono::system_clock::time_point started) {
    std::filesystem::path folder;
    if (!requested.empty()) {
        folder = requested;
    } else {
        std::time_t seconds = std::chrono::system_clock::to_time_t(started);
        std::tm local{};
        localtime_r(&seconds, &local);
        char stamp[32];
        std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
        folder = std::filesystem::path("results") / scenario_name / stamp;
    }
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec)
        return make_unexpected("cannot create results folder " + folder.string() + ": " +
                               ec.message());
    std::filesystem::copy_file(scenario_path, folder / "scenario.toml",
                               std::filesystem::copy_options::overwrite_existing, ec);
    if (ec)
        return make_unexpected("cannot copy the scenario into " + folder.string() + ": " +
                               ec.message());
    return folder;
}

}  // namespace faultline::run
