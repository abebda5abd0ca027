#pragma once
// --time-scale F: the schedule's durations ×F, rewritten in the parsed TOML before validation.
#include <toml++/toml.h>

#include <faultline/config/context.hpp>

namespace faultline::scenario::detail {

// The reading toolkit (context, table_reader, converters) is the config module's.
using namespace faultline::config;

/// Multiplies the schedule's durations in `root` by `scale` (> 0; 1 changes nothing): the ramp
/// plan's durations and warm-up, fault `at`, `duration` and `restart_after`, [slo] stable_for
/// and [[thresholds]] `for` (scenarios/README.md, "Time scale"). Each scaled duration is rounded
/// to the nearest multiple of 100 ms, at least 100 ms (zero stays zero). The steps shape's
/// defaulted step_duration and warmup and the default stable_for are written in, scaled.
/// Values keep their source positions, so that every rule of the loader then checks the scaled
/// values and reports them where they were written. Values that are not valid durations are
/// left for the section readers to report.
void apply_time_scale(toml::table& root, context& ctx, double scale);

/// After a failed load at a scale other than 1: a note, first, that the values in the
/// diagnostics are the scaled ones.
void note_time_scale(context& ctx, double scale);

}  // namespace faultline::scenario::detail
