#pragma once
/// `faultline history`: the stored runs of a scenario as lines of text.
#include <string>
#include <vector>

#include <faultline/history/run_store.hpp>

namespace faultline::history {

/// One line per run, oldest first (id, started_at, verdict, capacity, and per fault its time to
/// recover or "not recovered"), then the change of capacity from the first run shown to the last.
/// "no stored run of SCENARIO" when `runs` is empty. Ends with a newline.
std::string render_trend(const std::string& scenario, const std::vector<stored_run>& runs);

}  // namespace faultline::history
