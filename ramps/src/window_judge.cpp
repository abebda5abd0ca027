#include <algorithm>

#include <faultline/ramps/window_judge.hpp>

namespace faultline::ramps {
namespace {

double milliseconds_of(nanoseconds d) {
    return static_cast<double>(d.count()) / 1e6;
}

}  // namespace

std::vector<trip> window_failures(const window_numbers& w, const criteria& c) {
    std::vector<trip> out;
    const auto completed = w.ok + w.errors;
    const bool dead = w.in_flight_at_start && completed == 0;
    if (c.error_rate) {
        const double rate =
            dead
                ? 1.0
                : (completed == 0 ? 0.0
                                  : static_cast<double>(w.errors) / static_cast<double>(completed));
        if (rate > *c.error_rate)
            out.push_back({"error_rate", rate, *c.error_rate, trip_unit::fraction, w.start_s});
    }
    for (std::size_t i = 0; i < c.latency.size(); ++i) {
        const auto& limit = c.latency[i];
        nanoseconds value{0};
        if (dead)
            value =
                std::chrono::duration_cast<nanoseconds>(std::chrono::duration<double>(w.seconds));
        else if (i < w.latency.size())
            value = w.latency[i];
        if (value > limit.limit)
            out.push_back({limit.name(), milliseconds_of(value), milliseconds_of(limit.limit),
                           trip_unit::milliseconds, w.start_s});
    }
    if (c.min_attainment && w.offered_rps > 0 && w.seconds > 0) {
        const double attained = static_cast<double>(completed) / (w.offered_rps * w.seconds);
        if (attained < *c.min_attainment)
            out.push_back(
                {"min_attainment", attained, *c.min_attainment, trip_unit::fraction, w.start_s});
    }
    if (c.max_dropped) {
        const double value = c.max_dropped->fraction
                                 ? (w.arrivals == 0 ? 0.0
                                                    : static_cast<double>(w.dropped) /
                                                          static_cast<double>(w.arrivals))
                                 : static_cast<double>(w.dropped);
        if (value > c.max_dropped->value)
            out.push_back({"max_dropped", value, c.max_dropped->value,
                           c.max_dropped->fraction ? trip_unit::fraction : trip_unit::count,
                           w.start_s});
    }
    return out;
}

std::vector<trip> windowed_trips(const std::vector<window_numbers>& windows, const criteria& c,
                                 std::size_t stride, unsigned consecutive) {
    stride = std::max<std::size_t>(stride, 1);
    consecutive = std::max(consecutive, 1U);
    // failures[i]: what window i fails, by criterion name.
    std::vector<std::vector<trip>> failures;
    failures.reserve(windows.size());
    for (const auto& w : windows)
        failures.push_back(window_failures(w, c));
    const auto failed = [&](std::size_t i, const std::string& name) -> const trip* {
        for (const auto& t : failures[i])
            if (t.criterion == name)
                return &t;
        return nullptr;
    };
    std::vector<trip> out;
    // A run of failing windows one bucket apart that reaches from window i to window
    // i + (consecutive - 1) × stride: `consecutive` back-to-back windows and every one between.
    const std::size_t needed = (consecutive - 1) * stride + 1;
    for (const auto& name : windowed_criteria(c)) {
        std::size_t run = 0;
        trip result;
        for (std::size_t i = 0; i < windows.size(); ++i) {
            const trip* t = failed(i, name);
            if (t == nullptr) {
                run = 0;
                continue;
            }
            if (run == 0)
                result = *t;
            else if (name == "min_attainment" ? t->value < result.value : t->value > result.value)
                result.value = t->value;  // the worst value of the run
            if (++run == needed) {
                out.push_back(result);
                break;
            }
        }
    }
    return out;
}

window_layout layout_windows(std::size_t judged_buckets, std::size_t window_buckets,
                             unsigned consecutive) {
    window_layout layout;
    layout.stride =
        std::clamp<std::size_t>(window_buckets, 1, std::max<std::size_t>(judged_buckets, 1));
    const auto fit = std::max<std::size_t>(judged_buckets / layout.stride, 1);
    layout.consecutive =
        static_cast<unsigned>(std::min<std::size_t>(std::max(consecutive, 1U), fit));
    return layout;
}

}  // namespace faultline::ramps
