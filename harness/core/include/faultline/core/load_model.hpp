#pragma once
// How load is offered: the one setting the engine, the step meter, the live line and the
// scenario all share.

namespace faultline::core {

/// closed: a fixed number of virtual users, each sending its next request when the last one
/// ends (and its think time passed); open: arrivals at a rate, whatever the target does.
enum class load_model { closed, open };

/// "closed" or "open", as the scenario and summary.json spell it.
constexpr const char* to_string(load_model model) noexcept {
    return model == load_model::open ? "open" : "closed";
}

}  // namespace faultline::core
