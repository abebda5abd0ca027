// "--set KEY=VALUE" overrides: applied before validation, reported as file "--set".
#include <catch2/catch.hpp>

#include <faultline/scenario/loader.hpp>

#include "scenario_test_util.hpp"

using namespace std::chrono_literals;
using namespace faultline::scenario;
using faultline::scenario::test::load_errors;
using faultline::scenario::test::load_ok;
using faultline::scenario::test::no_env;
using faultline::scenario::test::require_single;

namespace {

constexpr std::string_view text = R"(name = "o"
[[workloads]]
name = "a"
http = { url = "http://127.0.0.1:18080/a" }
[[workloads]]
name = "b"
weight = 2
http = { url = "http://127.0.0.1:18080/b" }
[ramp]
step = 8
max = 64
[breaking_point]
p99 = "100ms"
)";

load_options with_overrides(std::vector<std::string> overrides) {
    auto options = no_env();
    options.overrides = std::move(overrides);
    return options;
}

}  // namespace

TEST_CASE("an override sets a number", "[scenario][overrides]") {
    CHECK(load_ok(text, with_overrides({"ramp.max=128"})).ramp.steps().max == 128);
    CHECK(load_ok(text, with_overrides({"ramp.max=128", "ramp.max=32"})).ramp.steps().max == 32);
}

TEST_CASE("an override value that is not TOML is a plain string", "[scenario][overrides]") {
    CHECK(load_ok(text, with_overrides({"ramp.step_duration=2s"})).ramp.steps().step_duration ==
          2s);
    CHECK(load_ok(text, with_overrides({"ramp.step_duration=\"3s\""})).ramp.steps().step_duration ==
          3s);
    auto s = load_ok(text, with_overrides({"workloads.0.http.body=a \"quoted\" \\ body"}));
    CHECK(s.workloads[0].driver_as<faultline::drivers::http_workload>().request.body ==
          "a \"quoted\" \\ body");
}

TEST_CASE("numeric segments index arrays", "[scenario][overrides]") {
    auto s =
        load_ok(text, with_overrides({"workloads.1.weight=5", "workloads.0.check.status=[200, 201]",
                                      "workloads.0.http.headers.X-Trace=on"}));
    CHECK(s.workloads[0].weight == 1);
    CHECK(s.workloads[1].weight == 5);
    CHECK(s.workloads[0].check.status == std::vector<int>{200, 201});
    const auto& headers =
        s.workloads[0].driver_as<faultline::drivers::http_workload>().request.headers;
    REQUIRE(headers.size() == 1);
    CHECK(headers[0] == std::pair<std::string, std::string>{"X-Trace", "on"});
}

TEST_CASE("an override creates missing tables", "[scenario][overrides]") {
    auto s = load_ok(text, with_overrides({"engine.threads=3", "breaking_point.error_rate=2%"}));
    CHECK(s.engine.threads == 3);
    REQUIRE(s.breaking_point.error_rate.has_value());
    CHECK(*s.breaking_point.error_rate == Approx(0.02));
}

TEST_CASE("bad override paths are reported as --set", "[scenario][overrides]") {
    SECTION("index past the end") {
        require_single(load_errors(text, with_overrides({"workloads.5.weight=1"})), "--set", 1, 11,
                       "index 5 is past the end of workloads, which has 2 element(s) (in --set "
                       "'workloads.5.weight=1')");
    }
    SECTION("no '='") {
        require_single(load_errors(text, with_overrides({"ramp.max=8", "ramp.max"})), "--set", 2, 1,
                       "no '='");
    }
    SECTION("an array without an index") {
        require_single(load_errors(text, with_overrides({"workloads.weight=1"})), "--set", 1, 11,
                       "workloads is an array: expected an index such as workloads.0");
    }
    SECTION("through a value") {
        require_single(load_errors(text, with_overrides({"ramp.max.x=1"})), "--set", 1, 10,
                       "ramp.max is integer 64, not a table or an array");
    }
    SECTION("a value that is not UTF-8") {
        require_single(load_errors(text, with_overrides({"workloads.0.http.body=\xff\xfe"})),
                       "--set", 1, 23, "not valid UTF-8");
    }
    SECTION("an empty segment") {
        require_single(load_errors(text, with_overrides({"ramp..max=1"})), "--set", 1, 6,
                       "expected a key");
    }
}

TEST_CASE("invalid values set by overrides are reported as --set", "[scenario][overrides]") {
    SECTION("a bare number as a duration") {
        require_single(load_errors(text, with_overrides({"ramp.max=9", "ramp.step_duration=5"})),
                       "--set", 2, 20,
                       "ramp.step_duration: expected a duration such as \"250ms\" (units are "
                       "required), got integer 5 (in --set 'ramp.step_duration=5')");
    }
    SECTION("an unknown key") {
        require_single(load_errors(text, with_overrides({"ramp.maxx=5"})), "--set", 1, 6,
                       "unknown key 'maxx' in [ramp]; did you mean 'max'?");
    }
    SECTION("a bad template in a string value") {
        require_single(load_errors(text, with_overrides({"workloads.0.http.body=x{rand:9..1}"})),
                       "--set", 1, 24, "in {rand:A..B} A must not exceed B");
    }
    SECTION("alongside problems of the file, which come first") {
        const std::string bad =
            std::string(text).replace(std::string(text).find("weight = 2"), 10, "weight = 0");
        auto errors = load_errors(bad, with_overrides({"ramp.warmup=1"}));
        INFO(faultline::core::to_string(errors));
        REQUIRE(errors.size() == 2);
        CHECK(errors[0].file == "t.toml");
        CHECK(errors[0].line == 7);
        CHECK(errors[1].file == "--set");
        CHECK(errors[1].column == 13);
    }
}
