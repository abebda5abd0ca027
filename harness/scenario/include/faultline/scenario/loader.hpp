#pragma once
/// Loading a scenario file: TOML in, a validated `scenario` or every problem found out.
/// The format is documented in scenarios/README.md. This is the only entry point that knows TOML.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <faultline/core/diagnostic.hpp>
#include <faultline/core/expected.hpp>
#include <faultline/net/allow_list.hpp>
#include <faultline/scenario/scenario.hpp>

namespace faultline::scenario {

/// What the caller adds to the file: command-line overrides and the environment.
struct load_options {
    /// "--set" values, applied in order to the parsed TOML before validation: "ramp.max=64",
    /// "workloads.0.weight=5", "ramp.step_duration=2s". The value is read as a TOML value and,
    /// when it is not one, as a plain string. Diagnostics about them name the file "--set",
    /// line = the override's 1-based position among `overrides`, column = position in its text.
    std::vector<std::string> overrides;
    /// Looks up ${NAME} references; default-constructed = std::getenv. Called on the loading
    /// thread only, during the call.
    std::function<std::optional<std::string>(const std::string&)> env;
    /// "--time-scale": the schedule's durations ×time_scale (> 0), applied after the overrides
    /// and before validation, so that every rule checks the scaled values: the ramp plan's
    /// durations and warm-up, fault `at`, `duration` and `restart_after`, [slo] stable_for and
    /// [[thresholds]] `for`, each rounded to the nearest multiple of 100 ms (at least 100 ms; zero
    /// stays zero). Timeouts, think times, windows, latencies and leases are not scaled.
    double time_scale = 1.0;
    /// "--allow-host" patterns, added to the scenario's `[targets] allow`. A malformed one is a
    /// diagnostic of file "--allow-host", line = its 1-based position.
    std::vector<std::string> allow_hosts;
    /// The addresses of a target name that no name pattern allows (a CIDR may still allow it);
    /// default-constructed = the system resolver, bounded to 5 s, with [engine] dns_policy.
    net::resolve_function resolve;
    /// false: hosts the allow-list refuses are not errors (`faultline check` reports them per
    /// address instead).
    bool enforce_allow_list = true;
};

/// The line a run prints when `time_scale` is not 1:
/// "time scale 0.1: durations of the plan, faults and recovery are ×0.1".
std::string time_scale_note(double time_scale);

/// Reads and validates the scenario at `path`. On failure returns every problem found (not just
/// the first), sorted by position; a file that cannot be read is one diagnostic naming it.
/// The result's `source_path` is `path`. Never throws for bad input.
expected<scenario, core::diagnostics> load_scenario_file(const std::string& path,
                                                         const load_options& options = {});

/// Same as load_scenario_file for text already in memory; `source_name` is the file name used
/// in diagnostics and stored as the result's `source_path`.
expected<scenario, core::diagnostics> load_scenario_text(std::string_view text,
                                                         const std::string& source_name,
                                                         const load_options& options = {});

}  // namespace faultline::scenario
