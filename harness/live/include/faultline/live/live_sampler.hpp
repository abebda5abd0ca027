#pragma once
// Keeps a live_state up to date from the run's timeline, one bucket at a time.
#include <string>
#include <vector>

#include <faultline/live/live_state.hpp>
#include <faultline/stats/timeline.hpp>

namespace faultline::live {

class live_sampler {
public:
    /// `state` carries the run's identity (scenario, model, version) and fault names; the
    /// workloads are the timeline's.
    live_sampler(live_state identity, const stats::timeline& timeline);

    /// Takes in the buckets appended since the last call; `elapsed_s` is the run's age, `level`
    /// the load level now, `active` the names of the faults in place now. Allocation-free after
    /// the first call but for the fault names.
    void update(double elapsed_s, double level, const std::string& phase, std::size_t segment,
                const std::vector<std::string>& active);

    const live_state& state() const noexcept { return state_; }

private:
    const stats::timeline& timeline_;
    live_state state_;
    std::size_t seen_ = 0;  ///< buckets taken in
    stats::timeline::window scratch_;
};

}  // namespace faultline::live
