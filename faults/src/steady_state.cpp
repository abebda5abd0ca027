#include <faultline/faults/steady_state.hpp>

namespace faultline::faults {

bool healthy(const health_window& w, const slo& s, double baseline_rps) {
    const auto completed = w.ok + w.errors;
    if (completed == 0)
        return baseline_rps <= 0;
    if (static_cast<double>(w.errors) / static_cast<double>(completed) > s.error_rate)
        return false;
    if (s.latency && w.latency > *s.latency)
        return false;
    const double throughput = w.seconds > 0 ? static_cast<double>(w.ok) / w.seconds : 0.0;
    return throughput >= s.min_throughput * baseline_rps;
}

}  // namespace faultline::faults
