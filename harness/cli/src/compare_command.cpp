#include "compare_command.hpp"

#include <iostream>
#include <stdexcept>
#include <utility>

#include <CLI/CLI.hpp>

#include <faultline/core/units.hpp>
#include <faultline/report/comparison.hpp>
#include <faultline/report/summary_file.hpp>

#include "history_command.hpp"
#include "run_command.hpp"

namespace faultline::cli {

int compare_command(const compare_options& options) {
    const auto threshold = core::parse_percent(options.threshold);
    if (!threshold) {
        std::cerr << "faultline compare: --threshold " << options.threshold << ": "
                  << threshold.error() << "\n";
        return core::exit_usage;
    }
    try {
        const bool from_store = options.baseline == last_pass_baseline;
        auto baseline = from_store ? nlohmann::json() : report::read_summary_json(options.baseline);
        const auto current = report::read_summary_json(options.current);
        if (from_store)
            baseline = last_pass_summary(options.store, current);
        const auto result = report::compare_summaries(baseline, current, *threshold);
        std::cout << (options.markdown ? report::render_comparison_markdown(result)
                                       : report::render_comparison_text(result));
        return result.regressions() == 0 ? core::exit_ok : core::exit_failed;
    } catch (const std::exception& e) {
        std::cerr << "faultline compare: " << e.what() << "\n";
        return core::exit_usage;
    }
}

compare_subcommand::compare_subcommand(CLI::App& cli) {
    command_ = cli.add_subcommand(
        "compare", "Compare two results folders; exit 1 on a regression beyond the threshold");
    command_->add_option("baseline", options_.baseline, "Results folder of the reference run");
    command_->add_option("current", options_.current, "Results folder of the run to judge");
    command_->add_option("--baseline", baseline_option_,
                         "The reference run (then give only CURRENT): a results folder, or "
                         "last-pass for the newest passing run in --store");
    add_store_option(*command_, options_.store,
                     "The run store that --baseline last-pass reads (libpq conninfo, loopback)");
    command_
        ->add_option("--threshold", options_.threshold,
                     "Largest change that is not a regression, such as 10%")
        ->capture_default_str();
    command_->add_flag("--markdown", options_.markdown,
                       "Print a GitHub-flavoured Markdown table (for a pull-request comment)");
}

bool compare_subcommand::selected() const {
    return command_->parsed();
}

int compare_subcommand::run() const {
    auto options = options_;
    if (!baseline_option_.empty()) {
        if (!options.current.empty()) {
            std::cerr << "faultline compare: with --baseline, give only CURRENT\n";
            return core::exit_usage;
        }
        options.current = std::exchange(options.baseline, baseline_option_);
    }
    if (options.baseline.empty() || options.current.empty()) {
        std::cerr << "faultline compare: expected BASELINE CURRENT (or --baseline BASELINE "
                     "CURRENT)\n";
        return core::exit_usage;
    }
    return compare_command(options);
}

}  // namespace faultline::cli
