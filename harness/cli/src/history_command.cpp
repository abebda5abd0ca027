#include "history_command.hpp"

#include <iostream>
#include <stdexcept>

#include <CLI/CLI.hpp>

#include <faultline/core/exit_code.hpp>
#include <faultline/history/conninfo.hpp>
#include <faultline/history/run_store.hpp>
#include <faultline/history/trend.hpp>

namespace faultline::cli {

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
        return core::exit_usage;
    }
    try {
        auto store = history::run_store::open_migrated(options.store);
        std::cout << history::render_trend(options.scenario,
                                           store.trend(options.scenario, options.limit));
        return core::exit_ok;
    } catch (const std::exception& e) {
        std::cerr << "faultline history: " << e.what() << "\n";
        return core::exit_cannot_run;
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
    auto baseline = history::run_store::open_migrated(store).last_pass(scenario, started_at);
    if (!baseline) {
        throw std::runtime_error("no stored run of " + scenario + " passed before " + started_at +
                                 ": no baseline to compare with");
    }
    std::cerr << "baseline: the last pass of " << scenario << " before " << started_at
              << ", started " << baseline->value("started_at", std::string("?")) << "\n";
    return *baseline;
}

}  // namespace faultline::cli
