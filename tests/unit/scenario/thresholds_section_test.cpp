// [[thresholds]]: the expression language (a table of every metric, operator and unit) and the
// section's keys, each mistake at its line and column.
#include <catch2/catch.hpp>

#include <faultline/scenario/loader.hpp>
#include <faultline/scenario/threshold_spec.hpp>

#include "scenario_test_util.hpp"

using namespace std::chrono_literals;
using faultline::scenario::comparison;
using faultline::scenario::parse_threshold_expression;
using faultline::scenario::threshold_metric;
using faultline::scenario::threshold_scope;
using faultline::scenario::test::load_errors;
using faultline::scenario::test::load_ok;
using faultline::scenario::test::require_single;

namespace {

// A scenario with workloads "items" and "orders"; the thresholds start at line 8.
std::string with_thresholds(const std::string& lines) {
    return "name = \"t\"\n[[workloads]]\nname = \"items\"\nhttp = { url = \"http://127.0.0.1:1/\" "
           "}\n"
           "[[workloads]]\nname = \"orders\"\nhttp = { url = \"http://127.0.0.1:1/o\" }\n" +
           lines + "[ramp]\nstep = 1\nmax = 2\n[breaking_point]\nerror_rate = \"1%\"\n";
}

}  // namespace

TEST_CASE("threshold expressions: every metric, operator and unit", "[scenario][thresholds]") {
    struct row {
        const char* text;
        threshold_metric metric;
        double quantile;
        comparison op;
        double limit;
    };
    const row rows[] = {
        {"p95 < 2s", threshold_metric::quantile, 95, comparison::less, 2.0},
        {"p50<=20ms", threshold_metric::quantile, 50, comparison::less_equal, 0.020},
        {"p99.9 < 80ms", threshold_metric::quantile, 99.9, comparison::less, 0.080},
        {"p99.99 <= 1m", threshold_metric::quantile, 99.99, comparison::less_equal, 60.0},
        {"p1 > 10us", threshold_metric::quantile, 1, comparison::greater, 10e-6},
        {"med < 500ns", threshold_metric::quantile, 50, comparison::less, 500e-9},
        {"avg < 500ms", threshold_metric::avg, 0, comparison::less, 0.5},
        {"mean >= 1ms", threshold_metric::avg, 0, comparison::greater_equal, 0.001},
        {"min > 0.5ms", threshold_metric::min, 0, comparison::greater, 0.0005},
        {"max != 1h", threshold_metric::max, 0, comparison::not_equal, 3600.0},
        {"error_rate < 1%", threshold_metric::error_rate, 0, comparison::less, 0.01},
        {"error_rate == 0%", threshold_metric::error_rate, 0, comparison::equal, 0.0},
        {"availability > 99.9%", threshold_metric::availability, 0, comparison::greater, 0.999},
        {"throughput > 50/s", threshold_metric::throughput, 0, comparison::greater, 50.0},
        {"throughput >= 3000/m", threshold_metric::throughput, 0, comparison::greater_equal, 50.0},
        {"  throughput   >=   7200/h  ", threshold_metric::throughput, 0, comparison::greater_equal,
         2.0},
    };
    for (const auto& r : rows) {
        INFO(r.text);
        auto e = parse_threshold_expression(r.text);
        REQUIRE(e.has_value());
        CHECK(e->metric == r.metric);
        CHECK(e->quantile == Approx(r.quantile));
        CHECK(e->op == r.op);
        CHECK(e->limit == Approx(r.limit));
    }
    CHECK(parse_threshold_expression("  throughput   >=   7200/h  ")->text ==
          "throughput   >=   7200/h");
}

TEST_CASE("threshold operators compare as written", "[scenario][thresholds]") {
    const auto judge = [](const char* text, double value) {
        auto e = parse_threshold_expression(text);
        REQUIRE(e.has_value());
        return holds(*e, value);
    };
    CHECK(judge("p95 < 2s", 1.999));
    CHECK_FALSE(judge("p95 < 2s", 2.0));
    CHECK(judge("p95 <= 2s", 2.0));
    CHECK_FALSE(judge("p95 <= 2s", 2.001));
    CHECK(judge("throughput > 50/s", 50.5));
    CHECK_FALSE(judge("throughput > 50/s", 50));
    CHECK(judge("throughput >= 50/s", 50));
    CHECK(judge("error_rate == 0%", 0));
    CHECK_FALSE(judge("error_rate == 0%", 0.001));
    CHECK(judge("error_rate != 0%", 0.001));
}

TEST_CASE("a malformed threshold expression says what was expected, where",
          "[scenario][thresholds][errors]") {
    struct row {
        const char* text;
        std::size_t offset;
        const char* phrase;
    };
    const row rows[] = {
        {"", 0, "expected an expression such as \"p95 < 2s\""},
        {"   ", 3, "expected an expression such as"},
        {"p95x < 2s", 0, "expected a metric: pQ"},
        {"latency < 2s", 0, "got 'latency'"},
        {"p0 < 2s", 0, "must be above 0 and below 100"},
        {"p100 < 2s", 0, "must be above 0 and below 100 (use max"},
        {"p95 2s", 4, "expected a comparison (<, <=, >, >=, == or !=) after 'p95'"},
        {"p95 =< 2s", 4, "expected a comparison"},
        {"p95 <", 5, "expected a value after '<'"},
        {"p95 < 2", 6, "p95 compares a duration such as \"2s\""},
        {"p95 < 1%", 6, "compares a duration"},
        {"avg < 50/s", 6, "avg compares a duration"},
        {"error_rate < 1s", 13, "error_rate compares a percentage"},
        {"availability > 120%", 15, "availability compares a percentage"},
        {"throughput > 50", 13, "throughput compares a rate such as \"50/s\""},
        {"throughput > 0/s", 13, "throughput compares a rate"},
        {"p95 < 2s and p99 < 3s", 9, "unexpected 'and p99 < 3s' after the value '2s'"},
        {"< 2s", 0, "expected a metric"},
    };
    for (const auto& r : rows) {
        INFO(r.text);
        auto e = parse_threshold_expression(r.text);
        REQUIRE_FALSE(e.has_value());
        CHECK(e.error().offset == r.offset);
        CHECK_THAT(e.error().message, Catch::Contains(r.phrase));
    }
}

TEST_CASE("[[thresholds]] loads its scope, workload and window", "[scenario][thresholds]") {
    auto s =
        load_ok(with_thresholds("[[thresholds]]\nexpr = \"p95 < 2s\"\n"
                                "[[thresholds]]\nexpr = \"error_rate < 1%\"\nworkload = "
                                "\"orders\"\nover = \"step\"\n"
                                "[[thresholds]]\nexpr = \"p99 < 100ms\"\nfor = \"30s\"\n"
                                "[[thresholds]]\nexpr = \"throughput > 5/s\"\nover = "
                                "\"window\"\nwindow = \"2s\"\n"));
    REQUIRE(s.thresholds.size() == 4);
    CHECK(s.thresholds[0].over == threshold_scope::run);
    CHECK_FALSE(s.thresholds[0].workload);
    CHECK(s.thresholds[0].expression.text == "p95 < 2s");
    CHECK(s.thresholds[1].over == threshold_scope::step);
    CHECK(s.thresholds[1].workload == "orders");
    CHECK(s.thresholds[2].over == threshold_scope::window);
    CHECK(s.thresholds[2].hold_for == 30s);
    CHECK(s.thresholds[2].window == 1s);
    CHECK(s.thresholds[3].over == threshold_scope::window);
    CHECK(s.thresholds[3].window == 2s);
    CHECK(s.thresholds[3].hold_for == 0s);
}

TEST_CASE("[[thresholds]] mistakes name their line and column", "[scenario][thresholds][errors]") {
    SECTION("a malformed expression points into the string") {
        require_single(load_errors(with_thresholds("[[thresholds]]\nexpr = \"p95 < 2\"\n")), 9, 15,
                       "thresholds.0.expr: p95 compares a duration");
    }
    SECTION("an unknown metric points at the metric") {
        require_single(load_errors(with_thresholds("[[thresholds]]\nexpr = \"p9x < 2s\"\n")), 9, 9,
                       "thresholds.0.expr: expected a metric");
    }
    SECTION("a missing expression") {
        require_single(load_errors(with_thresholds("[[thresholds]]\nover = \"run\"\n")), 8, 1,
                       "missing required key 'expr'");
    }
    SECTION("an unknown workload lists the known ones") {
        require_single(load_errors(with_thresholds(
                           "[[thresholds]]\nexpr = \"p95 < 2s\"\nworkload = \"itmes\"\n")),
                       10, 12, "no workload is named 'itmes' (the workloads: items, orders)");
    }
    SECTION("an unknown scope") {
        require_single(
            load_errors(with_thresholds("[[thresholds]]\nexpr = \"p95 < 2s\"\nover = \"steps\"\n")),
            10, 8, "expected \"run\", \"step\" or \"window\", got \"steps\"");
    }
    SECTION("a window on a whole-run threshold") {
        require_single(load_errors(with_thresholds(
                           "[[thresholds]]\nexpr = \"p95 < 2s\"\nover = \"run\"\nfor = \"5s\"\n")),
                       11, 7, "only a threshold judged over = \"window\"");
    }
    SECTION("a window off the bucket grid") {
        require_single(load_errors(with_thresholds(
                           "[[thresholds]]\nexpr = \"p95 < 2s\"\nwindow = \"150ms\"\n")),
                       10, 10, "expected a multiple of 100ms");
    }
    SECTION("an unknown key") {
        require_single(load_errors(with_thresholds(
                           "[[thresholds]]\nexpr = \"p95 < 2s\"\nworklaod = \"items\"\n")),
                       10, 1, "worklaod");
    }
}

TEST_CASE("[breaking_point] min_capacity is a rate", "[scenario][thresholds]") {
    auto with_min = [](const std::string& value) {
        return "name = \"t\"\n[[workloads]]\nname = \"a\"\nhttp = { url = \"http://127.0.0.1:1/\" "
               "}\n[ramp]\nstep = 1\nmax = 2\n[breaking_point]\nerror_rate = \"1%\"\n"
               "min_capacity = " +
               value + "\n";
    };
    CHECK(load_ok(with_min("\"30000/m\"")).breaking_point.min_capacity == Approx(500.0));
    const auto without = with_min("\"1/s\"");
    CHECK_FALSE(load_ok(without.substr(0, without.find("min_capacity")))
                    .breaking_point.min_capacity.has_value());
    require_single(load_errors(with_min("\"500\"")), 10, 16,
                   "breaking_point.min_capacity: expected the least acceptable capacity as a rate "
                   "such as \"500/s\", got \"500\"");
}
