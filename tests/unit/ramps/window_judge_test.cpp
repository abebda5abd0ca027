#include <catch2/catch.hpp>

#include <faultline/ramps/window_judge.hpp>

using namespace std::chrono_literals;
using namespace faultline::ramps;
using faultline::nanoseconds;

namespace {

// A one-second window starting at `start_s` with 1000 completions, `errors` of them failed, and
// the given latency quantiles.
window_numbers window(double start_s, std::uint64_t errors = 0,
                      std::vector<nanoseconds> latency = {}) {
    window_numbers w;
    w.start_s = start_s;
    w.seconds = 1;
    w.ok = 1000 - errors;
    w.errors = errors;
    w.arrivals = 1000;
    w.in_flight_at_start = true;
    w.latency = std::move(latency);
    return w;
}

criteria error_rate_only(double limit) {
    criteria c;
    c.error_rate = limit;
    return c;
}

std::vector<std::string> names(const std::vector<trip>& trips) {
    std::vector<std::string> out;
    for (const auto& t : trips)
        out.push_back(t.criterion);
    return out;
}

// Windows one bucket (0.1 s) apart over `seconds`; those starting in [fail_from, fail_to) have
// `errors` errors per 1000.
std::vector<window_numbers> sliding(double seconds, double fail_from, double fail_to,
                                    std::uint64_t errors = 100) {
    std::vector<window_numbers> out;
    for (int i = 0; i * 0.1 + 1 <= seconds + 1e-9; ++i) {
        const double start = 10 + i * 0.1;
        const bool failing = start >= 10 + fail_from - 1e-9 && start < 10 + fail_to - 1e-9;
        out.push_back(window(start, failing ? errors : 0));
    }
    return out;
}

}  // namespace

TEST_CASE("one window: each criterion fails only above its limit", "[window_judge]") {
    criteria c;
    c.error_rate = 0.01;
    c.latency = {{50, 10ms}, {99.9, 80ms}, {100, 1s}};
    CHECK(window_failures(window(3, 10, {10ms, 80ms, 1s}), c).empty());

    const auto failed = window_failures(window(3, 11, {11ms, 81ms, 2s}), c);
    CHECK(names(failed) == std::vector<std::string>{"error_rate", "p50", "p99.9", "max"});
    CHECK(failed[0].value == Approx(0.011));
    CHECK(failed[0].limit == 0.01);
    CHECK(failed[0].unit == trip_unit::fraction);
    CHECK(failed[1].value == Approx(11.0));
    CHECK(failed[1].limit == Approx(10.0));
    CHECK(failed[1].unit == trip_unit::milliseconds);
    CHECK(failed[3].value == Approx(2000.0));
    for (const auto& t : failed)
        CHECK(t.at_s == 3.0);
}

TEST_CASE("one window: unset criteria are not judged", "[window_judge]") {
    criteria c;
    c.latency = {{99, 10ms}};
    CHECK(window_failures(window(0, 900, {5ms}), c).empty());
    CHECK(window_failures(window(0, 900, {5ms}), criteria{}).empty());
}

TEST_CASE("one window: nothing completed while a request was in flight is a dead window",
          "[window_judge]") {
    criteria c;
    c.error_rate = 0.01;
    c.latency = {{99, 500ms}, {99.9, 2s}};
    auto dead = window(4, 0, {0ms, 0ms});
    dead.ok = 0;
    const auto failed = window_failures(dead, c);
    // Every request took at least the window's second: p99 (500 ms) trips, p99.9 (2 s) cannot
    // be known to have tripped.
    REQUIRE(names(failed) == std::vector<std::string>{"error_rate", "p99"});
    CHECK(failed[0].value == 1.0);
    CHECK(failed[1].value == Approx(1000.0));
    // Idle (nothing in flight, e.g. think time): not a failure.
    dead.in_flight_at_start = false;
    CHECK(window_failures(dead, c).empty());
}

TEST_CASE("one window: attainment and dropped arrivals", "[window_judge]") {
    criteria c;
    c.min_attainment = 0.95;
    c.max_dropped = dropped_limit{5, false};
    auto w = window(0);
    w.offered_rps = 1000;
    w.ok = 950;
    w.dropped = 5;
    CHECK(window_failures(w, c).empty());
    w.ok = 949;
    w.dropped = 6;
    auto failed = window_failures(w, c);
    REQUIRE(names(failed) == std::vector<std::string>{"min_attainment", "max_dropped"});
    CHECK(failed[0].value == Approx(0.949));
    CHECK(failed[1].value == 6);
    CHECK(failed[1].unit == trip_unit::count);
    // As a fraction of the window's arrivals.
    c.min_attainment.reset();
    c.max_dropped = dropped_limit{0.005, true};
    failed = window_failures(w, c);  // 6 of 1000 arrivals
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].value == Approx(0.006));
    CHECK(failed[0].unit == trip_unit::fraction);
    // The closed model has no offered rate: attainment is not judged.
    c = criteria{};
    c.min_attainment = 0.95;
    w.offered_rps = 0;
    CHECK(window_failures(w, c).empty());
}

TEST_CASE("a step trips after K back-to-back failing windows", "[window_judge]") {
    struct row {
        const char* name;
        double seconds, fail_from, fail_to;  // failing windows start in [fail_from, fail_to)
        unsigned consecutive;
        std::optional<double> at;  // seconds into the step where the tripping run began
    };
    auto r = GENERATE(values<row>({
        {"healthy all along", 5, 0, 0, 2, std::nullopt},
        {"collapse in the second half", 6, 3, 6, 2, 3.0},
        {"collapse at the very end, 2 s of it", 6, 4, 6, 2, 4.0},
        {"failing windows over 0.9 s of starts: one window's worth", 6, 2, 2.95, 2, std::nullopt},
        {"the same windows trip with K = 1", 6, 2, 2.95, 1, 2.0},
        {"failing windows over 1.0 s of starts: two back to back", 6, 2, 3.05, 2, 2.0},
        {"failing from the start", 4, 0, 4, 2, 0.0},
        {"three windows wanted, 1.5 s of failing starts", 6, 3.5, 6, 3, std::nullopt},
        {"three windows wanted, 2 s of failing starts", 6, 3, 6, 3, 3.0},
    }));
    INFO(r.name);
    const auto windows = sliding(r.seconds, r.fail_from, r.fail_to);
    const auto trips = windowed_trips(windows, error_rate_only(0.01), 10, r.consecutive);
    REQUIRE(trips.empty() == !r.at.has_value());
    if (r.at) {
        REQUIRE(trips.size() == 1);
        CHECK(trips[0].criterion == "error_rate");
        REQUIRE(trips[0].at_s);
        CHECK(*trips[0].at_s == Approx(10 + *r.at));
    }
}

TEST_CASE("a trip reports the worst value of its failing windows", "[window_judge]") {
    auto windows = sliding(4, 1, 4, 300);
    windows[15].errors = 900;  // inside the first run (starts 1.0 s to 2.0 s)
    windows[15].ok = 100;
    windows[25].errors = 1000;  // after it: not part of the trip
    windows[25].ok = 0;
    const auto trips = windowed_trips(windows, error_rate_only(0.01), 10, 2);
    REQUIRE(trips.size() == 1);
    CHECK(trips[0].value == Approx(0.9));
    CHECK(*trips[0].at_s == Approx(11.0));

    // For attainment the worst value is the smallest.
    criteria c;
    c.min_attainment = 0.95;
    std::vector<window_numbers> open(20, window(0));
    for (std::size_t i = 0; i < open.size(); ++i) {
        open[i].start_s = 0.1 * static_cast<double>(i);
        open[i].offered_rps = 1000;
        open[i].ok = i == 5 ? 200 : 500;
    }
    const auto low = windowed_trips(open, c, 10, 2);
    REQUIRE(low.size() == 1);
    CHECK(low[0].criterion == "min_attainment");
    CHECK(low[0].value == Approx(0.2));
}

TEST_CASE("every criterion trips on its own run of windows, in a fixed order", "[window_judge]") {
    criteria c;
    c.error_rate = 0.01;
    c.latency = {{99, 50ms}};
    std::vector<window_numbers> windows;
    for (int i = 0; i < 40; ++i) {
        // p99 fails from window 5 on, errors from window 20 on.
        windows.push_back(window(i * 0.1, i >= 20 ? 100 : 0, {i >= 5 ? 90ms : 10ms}));
    }
    const auto trips = windowed_trips(windows, c, 10, 2);
    REQUIRE(names(trips) == std::vector<std::string>{"error_rate", "p99"});
    CHECK(*trips[0].at_s == Approx(2.0));
    CHECK(*trips[1].at_s == Approx(0.5));
    CHECK(trips[1].value == Approx(90.0));
}

TEST_CASE("window layout for steps shorter than the windows", "[window_judge]") {
    struct row {
        std::size_t judged, window;
        unsigned consecutive;
        std::size_t stride;
        unsigned expected;
    };
    auto r = GENERATE(values<row>({
        {40, 10, 2, 10, 2},  // 4 s judged, 1 s windows, 2 needed
        {15, 10, 2, 10, 1},  // 1.5 s judged: one window fits
        {5, 10, 2, 5, 1},    // 0.5 s judged: one window of the whole judged part
        {0, 10, 2, 1, 1},    // nothing judged
        {40, 10, 9, 10, 4},  // asks for more windows than fit
        {40, 10, 0, 10, 1},  // zero means one
    }));
    const auto layout = layout_windows(r.judged, r.window, r.consecutive);
    CHECK(layout.stride == r.stride);
    CHECK(layout.consecutive == r.expected);
}
