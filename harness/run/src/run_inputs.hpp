#pragma once
// What a run derives from its scenario before it starts: the shape's plan, the breaking-point
// criteria, programs anchored beside the scenario file, and the identity the live output shows.
#include <vector>

#include <faultline/live/live_state.hpp>
#include <faultline/ramps/load_plan.hpp>
#include <faultline/ramps/step_judge.hpp>
#include <faultline/report/run_result.hpp>
#include <faultline/scenario/scenario.hpp>

namespace faultline::run {

/// The plan of the scenario's shape; the loader validated its configuration, so a failure here
/// is a logic error (thrown).
ramps::load_plan plan_of(const scenario::ramp_spec& ramp);

/// The criteria a step is judged by ([breaking_point]; the open model's own ones only there).
ramps::criteria criteria_of(const scenario::scenario& sc);

/// A relative program path with a '/' ("../scripts/postgres.sh") names a file beside the
/// scenario when one is there, so that a scenario runs from any working directory.
void anchor_programs(scenario::scenario& sc);

/// The run's identity on the live metrics, with every fault (none in place yet).
live::live_state live_identity(const scenario::scenario& sc, const report::run_result& result);

/// The last step the criteria judged (the knee compares with it), or null.
const report::step_record* last_judged(const std::vector<report::step_record>& steps);

}  // namespace faultline::run
