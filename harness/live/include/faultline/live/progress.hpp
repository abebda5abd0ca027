#pragma once
// One line per step on stderr, and a closing summary. On a terminal, a live line between them
// (level, throughput, errors, p99, active faults) rewritten once a second; a fault that starts or
// ends is a line of its own either way.
#include <cstddef>
#include <string>
#include <vector>

#include <faultline/core/load_model.hpp>
#include <faultline/live/live_state.hpp>
#include <faultline/report/run_result.hpp>

namespace faultline::live {

class progress_printer {
public:
    progress_printer(bool enabled, core::load_model model, std::size_t planned_steps);
    void step(const report::step_record& record);
    void summary(const report::run_result& result);

    /// True when the live line is drawn (enabled and stderr is a terminal).
    bool live_enabled() const { return enabled_ && terminal_; }
    /// Redraws the live line from `state` (at most once a second).
    void live(const live_state& state);
    /// Prints a line per fault that started or ended since the last call (`active` = the names
    /// in place now, `t` = the run's age).
    void faults(const std::vector<std::string>& active, double t);

private:
    void clear_live();

    bool enabled_;
    bool terminal_;
    core::load_model model_;
    std::size_t planned_;
    double last_live_s_ = -1;
    bool live_shown_ = false;
    std::vector<std::string> active_;
};

}  // namespace faultline::live
