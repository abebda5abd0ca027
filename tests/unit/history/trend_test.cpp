#include <catch2/catch.hpp>

#include <faultline/history/trend.hpp>

using faultline::history::render_trend;
using faultline::history::stored_run;

TEST_CASE("the trend: a line per run, then the change of capacity") {
    std::vector<stored_run> runs{
        {3, "2026-12-01T10:00:00Z", "pass", 1000.0, {{"cache-down", 1.2, true}}},
        {7, "2026-12-02T10:00:00Z", "fail", std::nullopt, {{"cache-down", std::nullopt, false}}},
        {9, "2026-12-03T10:00:00Z", "pass", 900.0, {{"cache-down", std::nullopt, true}}},
    };
    CHECK(render_trend("golden", runs) ==
          "#3     2026-12-01T10:00:00Z  pass     capacity   1000.0/s  cache-down recovered in "
          "1.20 s\n"
          "#7     2026-12-02T10:00:00Z  fail     capacity       none  cache-down not recovered\n"
          "#9     2026-12-03T10:00:00Z  pass     capacity    900.0/s  cache-down recovered\n"
          "capacity 1000.0/s -> 900.0/s (-10.0%) from the first to the last of 3 runs\n");

    runs.pop_back();
    CHECK(render_trend("golden", runs)
              .ends_with("capacity 1000.0/s -> none from the first to the last of 2 runs\n"));
    runs.resize(1);
    runs[0].faults.clear();
    CHECK(render_trend("golden", runs) ==
          "#3     2026-12-01T10:00:00Z  pass     capacity   1000.0/s\n"
          "capacity 1000.0/s in the only run\n");
    CHECK(render_trend("golden", {}) == "no stored run of golden\n");
}
