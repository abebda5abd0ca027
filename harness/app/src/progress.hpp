#pragma once
// One line per step on stderr, and a closing summary.
#include <cstddef>

#include <faultline/report/run_result.hpp>
#include <faultline/scenario/scenario.hpp>

namespace faultline::app {

class progress_printer {
public:
    progress_printer(bool enabled, scenario::load_model model, std::size_t planned_steps);
    void step(const report::step_record& record) const;
    void summary(const report::run_result& result) const;

private:
    bool enabled_;
    scenario::load_model model_;
    std::size_t planned_;
};

}  // namespace faultline::app
