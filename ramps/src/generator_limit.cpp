#include <faultline/ramps/generator_limit.hpp>

namespace faultline::ramps {

generator_limit generator_limit_of(const generator_numbers& s) {
    if (s.worker_cpu > max_worker_cpu)
        return generator_limit::cpu;
    if (s.open_model && s.schedule_lag_p99 > max_schedule_lag &&
        static_cast<double>(s.schedule_lag_p99.count()) >
            max_lag_share * static_cast<double>(s.latency_p99.count()))
        return generator_limit::schedule;
    if (s.dropped > 0 && !s.target_failed)
        return generator_limit::connections;
    return generator_limit::none;
}

std::string to_string(generator_limit limit) {
    switch (limit) {
        case generator_limit::cpu:
            return "cpu";
        case generator_limit::schedule:
            return "schedule";
        case generator_limit::connections:
            return "connections";
        case generator_limit::none:
            break;
    }
    return "";
}

std::string advice(generator_limit limit) {
    switch (limit) {
        case generator_limit::cpu:
            return "the generator's worker threads were saturated: raise [engine] threads (up to "
                   "the "
                   "cores free of the target) or run the target on another machine";
        case generator_limit::schedule:
            return "the open model's arrivals went out late: raise [engine] threads or free CPU "
                   "for "
                   "the generator";
        case generator_limit::connections:
            return "arrivals found every connection busy while the target kept its criteria: raise "
                   "[ramp] max_connections";
        case generator_limit::none:
            break;
    }
    return "";
}

}  // namespace faultline::ramps
