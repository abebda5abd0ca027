// The faultline command line.
#include <CLI/CLI.hpp>
#include <sys/resource.h>

#include <faultline/core/logging.hpp>
#include <faultline/core/version.hpp>

#include "compare_command.hpp"
#include "env_or.hpp"
#include "history_command.hpp"
#include "proxy_command.hpp"
#include "run_command.hpp"
#include "scenario_subcommands.hpp"

namespace {
// Thousands of connections need thousands of descriptors: raise the soft limit to the hard one.
void raise_open_file_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}
}  // namespace

int main(int argc, char** argv) {
    using namespace faultline::cli;
    CLI::App cli{"faultline: stress and chaos testing for services"};
    cli.set_version_flag("--version", faultline::core::version);
    cli.require_subcommand(1);
    std::string log_level = "info";
    cli.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));

    run_options run;
    auto* run_cmd =
        cli.add_subcommand("run", "Run a scenario: start services, ramp load, write results");
    add_scenario_options(*run_cmd, run.source);
    run_cmd->add_option("--results", run.results_dir,
                        "Results folder (default results/<scenario>/<time>)");
    run_cmd->add_option("--metrics", run.metrics_listen,
                        "Serve live metrics (Prometheus text, or OpenMetrics when asked) at "
                        "http://HOST:PORT/metrics during the run (off loopback with "
                        "--metrics-token)");
    run.metrics_token = env_or("FAULTLINE_METRICS_TOKEN", "");
    run_cmd->add_option("--metrics-token", run.metrics_token,
                        "Scrapes must send 'Authorization: Bearer TOKEN' (env "
                        "FAULTLINE_METRICS_TOKEN); required off loopback");
    bool no_progress = false;
    run_cmd->add_flag("--no-progress", no_progress, "Do not print a line per step");
    add_store_option(*run_cmd, run.store,
                     "Also write the run into a PostgreSQL run store (libpq conninfo, loopback)");

    scenario_source validate;
    auto* validate_cmd = cli.add_subcommand("validate", "Check a scenario and print every problem");
    add_scenario_options(*validate_cmd, validate);

    std::string report_folder;
    auto* report_cmd = cli.add_subcommand(
        "report", "Render a results folder's reports (junit.xml) again from its summary.json");
    report_cmd->add_option("folder", report_folder, "Results folder of a run")->required();

    proxy_subcommands proxy_commands(cli);
    scenario_subcommands scenario_commands(cli);
    compare_subcommand compare(cli);
    history_subcommand history(cli);

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = cli.exit(e);
        return code == 0 ? 0 : faultline::core::exit_usage;
    }
    faultline::core::setup_logging(log_level);
    raise_open_file_limit();
    if (proxy_commands.selected())
        return proxy_commands.run();
    if (scenario_commands.selected())
        return scenario_commands.run();
    if (compare.selected())
        return compare.run();
    if (history.selected())
        return history.run();
    if (*run_cmd) {
        run.progress = !no_progress;
        return run_command(run);
    }
    if (*report_cmd)
        return report_command(report_folder);
    return validate_command(validate);
}
