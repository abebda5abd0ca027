#pragma once
/// What one fault does to the world: applied once, removed once, and counting what it touched.
/// Each kind of fault (a toxic, a proxy outage, a process signal, a command) is one
/// implementation; the timeline (fault_timeline.hpp) decides when.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <faultline/core/expected.hpp>
#include <faultline/faults/fault_record.hpp>

namespace faultline::faults {

class fault_effect {
public:
    virtual ~fault_effect() = default;

    /// Puts the fault in place. An error says why it could not (the fault then never took
    /// effect, and remove() is not called).
    virtual expected<void, std::string> apply() = 0;

    /// Takes the fault away. `run_ending`: the run is over (or failing, or interrupted), so only
    /// what must not outlive it is undone (a killed service is not started again just to be
    /// stopped). Never throws; the error, if any, is for the record.
    virtual expected<void, std::string> remove(bool run_ending) noexcept = 0;

    /// What it has touched so far (read before remove(): some counts vanish with the fault).
    virtual touch_counts touched() const = 0;
};

}  // namespace faultline::faults
