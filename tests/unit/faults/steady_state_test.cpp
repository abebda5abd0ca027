#include <catch2/catch.hpp>

#include <faultline/faults/steady_state.hpp>

using namespace std::chrono_literals;
using namespace faultline::faults;

TEST_CASE("a window is healthy within every SLO bound", "[steady_state]") {
    slo s;
    s.error_rate = 0.01;
    s.latency = 100ms;
    s.min_throughput = 0.9;
    struct row {
        const char* name;
        std::uint64_t ok, errors;
        faultline::nanoseconds latency;
        bool healthy;
    };
    auto r = GENERATE(values<row>({
        {"all within", 990, 10, 100ms, true},
        {"errors above 1 %", 989, 11, 50ms, false},
        {"latency above the bound", 1000, 0, 101ms, false},
        {"throughput at 90 % of the baseline", 900, 0, 50ms, true},
        {"throughput below 90 % of the baseline", 899, 0, 50ms, false},
        {"nothing completed", 0, 0, 0ms, false},
    }));
    INFO(r.name);
    const health_window w{0, 1, r.ok, r.errors, r.latency};
    CHECK(healthy(w, s, 1000) == r.healthy);
}

TEST_CASE("without a latency bound latency is not judged", "[steady_state]") {
    const health_window slow{0, 1, 1000, 0, 10s};
    CHECK(healthy(slow, slo{}, 1000));
    const health_window idle{0, 1, 0, 0, 0ms};
    CHECK(healthy(idle, slo{}, 0));  // nothing expected, nothing completed
}
