#include <iostream>
#include <stdexcept>

#include <unistd.h>

#include <faultline/history/run_store.hpp>
#include <faultline/report/summary_file.hpp>
#include <faultline/run/run_recorder.hpp>

namespace faultline::run {
namespace {

// This machine's name, stored with each run.
std::string machine() {
    char name[256] = {};
    return gethostname(name, sizeof name - 1) == 0 ? name : "";
}

void warn_not_stored(const std::string& why) {
    std::cerr << "warning: could not store the run: " << why << "\n";
}

}  // namespace

run_recorder::run_recorder(const std::string& conninfo) {
    if (conninfo.empty())
        return;
    try {
        store_ = std::make_unique<history::run_store>(history::run_store::open_migrated(conninfo));
    } catch (const std::exception& e) {
        warn_not_stored(e.what());
    }
}

run_recorder::~run_recorder() = default;

void run_recorder::store(const std::filesystem::path& folder) noexcept {
    if (!store_)
        return;
    try {
        const auto id = store_->store(report::read_summary_json(folder), machine());
        std::cout << "stored run " << id << " in " << store_->where() << "\n";
    } catch (const std::exception& e) {
        warn_not_stored(e.what());
    }
}

}  // namespace faultline::run
