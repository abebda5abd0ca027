// One test per kind of error: each asserts the exact position and the key phrase of the message.
#include <catch2/catch.hpp>

#include <faultline/scenario/loader.hpp>

#include "scenario_test_util.hpp"

using faultline::scenario::test::load_errors;
using faultline::scenario::test::require_single;

namespace {

// A valid scenario whose workload lines start at line 4, followed by [ramp] and its lines.
std::string scenario_with(const std::string& workload_lines,
                          const std::string& ramp_lines = "step = 8\nmax = 64\n") {
    return "name = \"t\"\n"        // 1
           "[[workloads]]\n"       // 2
           "name = \"items\"\n" +  // 3
           workload_lines +        // 4...
           "[ramp]\n" +
           ramp_lines + "[breaking_point]\np99 = \"100ms\"\n";
}

const std::string http_line = "http = { url = \"http://127.0.0.1:18080/items\" }\n";

// 1-based column of `needle` in `line`.
int column_of(const std::string& line, const std::string& needle) {
    const auto at = line.find(needle);
    REQUIRE(at != std::string::npos);
    return static_cast<int>(at) + 1;
}

}  // namespace

TEST_CASE("the base scenario of these tests is valid", "[scenario][errors]") {
    faultline::scenario::test::load_ok(scenario_with(http_line));
}

TEST_CASE("a TOML syntax error is one diagnostic at the parser's position", "[scenario][errors]") {
    require_single(load_errors(scenario_with("weight = \n" + http_line)), 4, 10, "invalid TOML");
}

TEST_CASE("a value of the wrong type names what was expected and found", "[scenario][errors]") {
    require_single(load_errors(scenario_with("weight = \"heavy\"\n" + http_line)), 4, 10,
                   "workloads.0.weight: expected a number, got string \"heavy\"");
}

TEST_CASE("an unknown key suggests the closest known one", "[scenario][errors]") {
    auto errors = load_errors(scenario_with("wieght = 5\n" + http_line));
    require_single(errors, 4, 1,
                   "unknown key 'wieght' in [[workloads]]; did you mean 'weight'? expected one of: "
                   "name, weight, think_time");
}

TEST_CASE("a missing required key is reported at its table", "[scenario][errors]") {
    const std::string text = "name = \"t\"\n[[workloads]]\n" + http_line +
                             "[ramp]\nstep = 1\nmax = 2\n[breaking_point]\np99 = \"1s\"\n";
    require_single(load_errors(text), 2, 1, "missing required key 'name' in [[workloads]]");
}

TEST_CASE("a negative duration is rejected", "[scenario][errors]") {
    require_single(load_errors(scenario_with("think_time = \"-5ms\"\n" + http_line)), 4, 14,
                   "non-negative duration");
}

TEST_CASE("a bare number where a duration is expected is rejected", "[scenario][errors]") {
    require_single(load_errors(scenario_with("think_time = 5\n" + http_line)), 4, 14,
                   "expected a duration such as \"250ms\" (units are required), got integer 5");
}

TEST_CASE("a malformed URL is rejected", "[scenario][errors]") {
    const std::string line = "http = { url = \"ftp://127.0.0.1/x\" }\n";
    require_single(load_errors(scenario_with(line)), 4, column_of(line, "\"ftp"),
                   "expected an http:// or https:// URL");
}

TEST_CASE("a URL beyond loopback that nothing allows is rejected", "[scenario][errors]") {
    const std::string line = "http = { url = \"http://10.0.0.1:8080/\" }\n";
    require_single(load_errors(scenario_with(line)), 4, column_of(line, "\"http"),
                   "workloads.0.http.url: host '10.0.0.1' is not allowed");
}

TEST_CASE("a bad template is reported at the placeholder", "[scenario][errors]") {
    const std::string line = "http = { url = \"http://127.0.0.1:18080/items/{rand:5..x}\" }\n";
    require_single(load_errors(scenario_with(line)), 4, column_of(line, "{rand"),
                   "invalid template: expected {rand:A..B}");
}

TEST_CASE("an unset environment variable is named", "[scenario][errors]") {
    const std::string line =
        "http = { url = \"http://127.0.0.1:1/\", headers = { \"X-Api-Key\" = \"k=${API_KEY}\" } "
        "}\n";
    require_single(load_errors(scenario_with(line)), 4, column_of(line, "${API_KEY}"),
                   "environment variable API_KEY is not set");
}

TEST_CASE("a {var:NAME} that no setup captures is rejected", "[scenario][errors]") {
    const std::string line = "http = { url = \"http://127.0.0.1:1/u/{var:user}\" }\n";
    require_single(load_errors(scenario_with(line)), 4, column_of(line, "{var:user}"),
                   "{var:user} is not captured by a setup request");

    const std::string with_setup =
        "http = { url = \"http://127.0.0.1:1/\", body = \"{var:user}\", setup = { url = "
        "\"http://127.0.0.1:1/login\", capture = { token = \"/token\" } } }\n";
    require_single(load_errors(scenario_with(with_setup)), 4, column_of(with_setup, "{var:user}"),
                   "add user to setup.capture");
}

TEST_CASE("step and factor: exactly one is required", "[scenario][errors]") {
    SECTION("both") {
        require_single(load_errors(scenario_with(http_line, "step = 8\nfactor = 2\nmax = 64\n")), 7,
                       10, "either step (additive) or factor (multiplicative), not both");
    }
    SECTION("neither") {
        require_single(load_errors(scenario_with(http_line, "max = 64\n")), 5, 1,
                       "expected step (additive");
    }
}

TEST_CASE("warmup must be shorter than step_duration", "[scenario][errors]") {
    SECTION("both set") {
        require_single(
            load_errors(scenario_with(
                http_line, "step = 8\nmax = 64\nstep_duration = \"2s\"\nwarmup = \"2s\"\n")),
            9, 10, "ramp.warmup (2s) must be shorter than ramp.step_duration (2s)");
    }
    SECTION("default warmup") {
        require_single(load_errors(scenario_with(
                           http_line, "step = 8\nmax = 64\nstep_duration = \"500ms\"\n")),
                       8, 17, "ramp.warmup (1s, the default) must be shorter");
    }
}

TEST_CASE("duplicate workload names are rejected at the second", "[scenario][errors]") {
    const std::string text =
        scenario_with(http_line + "[[workloads]]\nname = \"items\"\n" + http_line);
    require_single(load_errors(text), 6, 8,
                   "duplicate workload name 'items' (first used at line 3)");
}

TEST_CASE("a scenario without workloads is rejected", "[scenario][errors]") {
    require_single(
        load_errors("name = \"t\"\n[ramp]\nstep = 1\nmax = 2\n[breaking_point]\np99 = \"1s\"\n"), 1,
        1, "no workloads: expected at least one [[workloads]]");
    require_single(load_errors("name = \"t\"\nworkloads = []\n[ramp]\nstep = 1\nmax = 2\n"
                               "[breaking_point]\np99 = \"1s\"\n"),
                   2, 13, "no workloads");
}

TEST_CASE("an unknown ramp model is rejected", "[scenario][errors]") {
    require_single(
        load_errors(scenario_with(http_line, "model = \"closed-loop\"\nstep = 8\nmax = 64\n")), 6,
        9, "unknown model \"closed-loop\"; expected \"closed\"");
}

TEST_CASE("every problem of a file is reported, in order", "[scenario][errors]") {
    const std::string text = scenario_with("weight = \"heavy\"\nthink_time = 5\n" + http_line) +
                             "[[thresholds]]\nexpr = \"p95 < 2\"\n";
    auto errors = load_errors(text);
    INFO(faultline::core::to_string(errors));
    REQUIRE(errors.size() == 3);
    CHECK(errors[0].line == 4);
    CHECK_THAT(errors[0].message, Catch::Contains("expected a number"));
    CHECK(errors[1].line == 5);
    CHECK_THAT(errors[1].message, Catch::Contains("units are required"));
    CHECK(errors[2].line == 13);
    CHECK(errors[2].column == 15);
    CHECK_THAT(errors[2].message, Catch::Contains("p95 compares a duration"));
}

TEST_CASE("other validation rules", "[scenario][errors]") {
    SECTION("a lower-case method") {
        const std::string line = "http = { method = \"get\", url = \"http://127.0.0.1:1/\" }\n";
        require_single(load_errors(scenario_with(line)), 4, column_of(line, "\"get"),
                       "expected one of GET, POST");
    }
    SECTION("a header set twice in different case") {
        const std::string line =
            "http = { url = \"http://127.0.0.1:1/\", headers = { Accept = \"a\", accept = \"b\" } "
            "}\n";
        require_single(load_errors(scenario_with(line)), 4, column_of(line, "accept"),
                       "header 'accept' is also set as 'Accept'");
    }
    SECTION("a status outside 100..599") {
        const std::string line = "check = { status = [200, 700] }\n";
        require_single(load_errors(scenario_with(line + http_line)), 4, column_of(line, "700"),
                       "expected an integer from 100 to 599, got 700");
    }
    SECTION("a capture that is neither a pointer nor a header") {
        const std::string line =
            "http = { url = \"http://127.0.0.1:1/\", setup = { url = \"http://127.0.0.1:1/\", "
            "capture = { t = \"token\" } } }\n";
        require_single(load_errors(scenario_with(line)), 4, column_of(line, "\"token\""),
                       "expected a JSON pointer such as \"/token\" or \"header:NAME\"");
    }
    SECTION("a service probe that is not loopback") {
        const std::string text = scenario_with(http_line) +
                                 "[[services]]\nname = \"s\"\ncommand = [\"x\"]\n"
                                 "ready = { tcp = \"10.1.1.1:80\" }\n";
        require_single(load_errors(text), 13, 17, "expected a loopback address");
    }
    SECTION("a scenario name that cannot be a folder") {
        require_single(load_errors("name = \"a b\"" + scenario_with(http_line).substr(10)), 1, 8,
                       "expected letters, digits");
    }
    SECTION("a missing [ramp]") {
        const std::string text = "name = \"t\"\n[[workloads]]\nname = \"w\"\n" + http_line +
                                 "[breaking_point]\np99 = \"1s\"\n";
        require_single(load_errors(text), 1, 1, "missing required table [ramp]");
    }
    SECTION("a [breaking_point] without criteria") {
        const std::string text =
            "name = \"t\"\n[[workloads]]\nname = \"w\"\n" + http_line +
            "[ramp]\nstep = 8\nmax = 64\n[breaking_point]\nmin_attainment = \"90%\"\n";
        require_single(load_errors(text), 8, 1, "needs at least one criterion");
    }
    SECTION("workloads written as a table") {
        const std::string text = "name = \"t\"\n[workloads]\nname = \"w\"\n" + http_line +
                                 "[ramp]\nstep = 1\nmax = 2\n[breaking_point]\np99 = \"1s\"\n";
        require_single(load_errors(text), 2, 1, "workloads: expected an array of tables");
    }
}

TEST_CASE("breaking-point criteria: each bad one names its key, line and column",
          "[scenario][errors]") {
    // [breaking_point] starts on line 8; its first key is on line 9.
    const auto with_criteria = [](const std::string& lines) {
        return "name = \"t\"\n[[workloads]]\nname = \"w\"\n" + http_line +
               "[ramp]\nstep = 8\nmax = 64\n[breaking_point]\n" + lines;
    };
    SECTION("an unknown criterion") {
        require_single(load_errors(with_criteria("p99 = \"1s\"\nlatency = \"1s\"\n")), 10, 1,
                       "unknown key 'latency' in [breaking_point]");
    }
    SECTION("a misspelt quantile") {
        require_single(load_errors(with_criteria("p99 = \"1s\"\np99x = \"1s\"\n")), 10, 1,
                       "unknown key 'p99x' in [breaking_point]; did you mean 'p99'?");
    }
    SECTION("p100 is spelt max") {
        require_single(load_errors(with_criteria("p100 = \"1s\"\n")), 9, 1,
                       "breaking_point.p100: a latency quantile must be above p0 and below p100");
    }
    SECTION("a quantile limit without a unit") {
        require_single(load_errors(with_criteria("\"p99.9\" = 80\n")), 9, 11,
                       "breaking_point.p99.9: expected a duration such as \"250ms\"");
    }
    SECTION("a window that is not whole buckets") {
        require_single(load_errors(with_criteria("p99 = \"1s\"\nwindow = \"250ms\"\n")), 10, 10,
                       "breaking_point.window: expected a multiple of 100ms");
    }
    SECTION("zero consecutive windows") {
        require_single(load_errors(with_criteria("p99 = \"1s\"\nconsecutive = 0\n")), 10, 15,
                       "breaking_point.consecutive: expected an integer from 1 to 1000, got 0");
    }
    SECTION("a dropped limit that is neither a count nor a percentage") {
        require_single(load_errors(with_criteria("max_dropped = 0.5\n")), 9, 15,
                       "breaking_point.max_dropped: expected a count of dropped arrivals");
    }
}
