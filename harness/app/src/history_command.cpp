#include "history_command.hpp"

#include <iostream>
#include <stdexcept>

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <faultline/history/conninfo.hpp>
#include <faultline/history/run_store.hpp>
#include <faultline/history/trend.hpp>
#include <faultline/report/summary_file.hpp>

#include "run_command.hpp"

namespace faultline::app {
namespace {

// This machine's name, stored with each run.
std::string machine() {
    char name[256] = {};
    return gethostname(name, sizeof name - 1) == 0 ? name : "";
}

void warn_not_stored(const std::string& why) {
    std::cerr << "warning: could not store the run: " << why << "\n";
}

// The store at `conninfo`, connected and migrated; throws std::runtime_error.
history::run_store opened_store(const std::string& conninfo) {
    auto store = history::run_store::open(conninfo);
    if (!store)
        throw std::runtime_error(store.error());
    store->migrate();
    return std::move(*store);
}

}  // namespace

void add_store_option(CLI::App& command, std::string& conninfo, const std::string& what) {
    command.add_option("--store", conninfo, what)
        ->type_name("CONNINFO")
        ->check(CLI::Validator(
            [](const std::string& text) {
                auto checked = history::checked_conninfo(text);
                return checked ? std::string() : checked.error();
            },
            ""));
}

int history_command(const history_options& options) {
    if (auto checked = history::checked_conninfo(options.store); !checked) {
        std::cerr << "faultline history: --store: " << checked.error() << "\n";
        return exit_usage;
    }
    try {
        auto store = opened_store(options.store);
        std::cout << history::render_trend(options.scenario,
                                           store.trend(options.scenario, options.limit));
        return exit_ok;
    } catch (const std::exception& e) {
        std::cerr << "faultline history: " << e.what() << "\n";
        return exit_cannot_run;
    }
}

history_subcommand::history_subcommand(CLI::App& cli) {
    command_ = cli.add_subcommand("history",
                                  "Print the trend of a scenario's runs stored with `run --store`");
    command_->add_option("scenario", options_.scenario, "The scenario's name")->required();
    add_store_option(*command_, options_.store, "The run store: a libpq connection string");
    command_->get_option("--store")->required();
    command_->add_option("--limit", options_.limit, "Show the newest N runs")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
}

bool history_subcommand::selected() const {
    return command_->parsed();
}

int history_subcommand::run() const {
    return history_command(options_);
}

nlohmann::json last_pass_summary(const std::string& store, const nlohmann::json& current) {
    if (store.empty())
        throw std::runtime_error("--baseline last-pass needs --store CONNINFO");
    const auto scenario = current.value("scenario", std::string());
    const auto started_at = current.value("started_at", std::string());
    auto baseline = opened_store(store).last_pass(scenario, started_at);
    if (!baseline) {
        throw std::runtime_error("no stored run of " + scenario + " passed before " + started_at +
                                 ": no baseline to compare with");
    }
    std::cerr << "baseline: the last pass of " << scenario << " before " << started_at
              << ", started " << baseline->value("started_at", std::string("?")) << "\n";
    return *baseline;
}

run_recorder::run_recorder(const std::string& conninfo) {
    if (conninfo.empty())
        return;
    try {
        store_ = std::make_unique<history::run_store>(opened_store(conninfo));
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

}  // namespace faultline::app
