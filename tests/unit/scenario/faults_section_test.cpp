// [[faults]]: each kind of fault, its defaults, and each mistake at its file:line:column.
#include <catch2/catch.hpp>

#include <faultline/scenario/loader.hpp>

#include "scenario_test_util.hpp"

using faultline::scenario::test::load_errors;
using faultline::scenario::test::load_ok;
using faultline::scenario::test::require_single;
namespace sc = faultline::scenario;
using namespace std::chrono_literals;

namespace {

// A 60 s constant run with proxies "db" and "cache" and service "sample"; fault lines start at
// line 20.
std::string drill_with(const std::string& fault_lines) {
    return "name = \"t\"\n"                                                // 1
           "[[proxies]]\n"                                                 // 2
           "name = \"db\"\n"                                               // 3
           "listen = \"127.0.0.1:15432\"\n"                                // 4
           "upstream = \"127.0.0.1:5432\"\n"                               // 5
           "[[proxies]]\n"                                                 // 6
           "name = \"cache\"\n"                                            // 7
           "listen = \"127.0.0.1:16379\"\n"                                // 8
           "upstream = \"127.0.0.1:6379\"\n"                               // 9
           "[[services]]\n"                                                // 10
           "name = \"sample\"\n"                                           // 11
           "command = [\"faultline-sample\"]\n"                            // 12
           "[[workloads]]\n"                                               // 13
           "name = \"w\"\n"                                                // 14
           "http = { url = \"http://127.0.0.1:18081/\" }\n"                // 15
           "depends_on = [\"db\"]\n"                                       // 16
           "[ramp]\n"                                                      // 17
           "shape = \"stages\"\n"                                          // 18
           "start = 10\nstages = [{ target = 10, duration = \"60s\" }]\n"  // 19-20
           + fault_lines;                                                  // 21...
}

}  // namespace

TEST_CASE("each kind of fault loads with its defaults", "[scenario][faults]") {
    auto s = load_ok(drill_with(
        "[[faults]]\nat = \"30s\"\nproxy = \"db\"\n"
        "toxic = { type = \"latency\", latency = \"200ms\", jitter = \"20ms\" }\nduration = "
        "\"5s\"\n"
        "[[faults]]\nat = \"10s\"\nduration = \"5s\"\nproxy = \"cache\"\noutage = \"blackhole\"\n"
        "[[faults]]\nname = \"stop\"\nat = \"40s\"\nservice = \"sample\"\nprocess = \"kill\"\n"
        "restart_after = \"3s\"\n"
        "[[faults]]\nat = \"50s\"\ncommand = [\"true\"]\nundo = [\"false\", \"x\"]\n"));
    REQUIRE(s.faults.size() == 4);
    // Sorted by `at`.
    const auto& outage = s.faults[0];
    CHECK(outage.name == "cache-blackhole");
    CHECK(outage.at == 10s);
    CHECK(outage.duration == std::optional<faultline::nanoseconds>(5s));
    CHECK(outage.target == "cache");
    CHECK(std::get<sc::outage_fault>(outage.action).kind == sc::outage_kind::blackhole);

    const auto& latency = s.faults[1];
    CHECK(latency.name == "db-latency");
    CHECK(latency.kind == "latency");
    const auto& toxic = std::get<sc::toxic_fault>(latency.action);
    CHECK(toxic.proxy == "db");
    CHECK(toxic.toxic.name == "db-latency");  // named after the fault
    CHECK(toxic.toxic.attributes.at("latency") == 200);
    CHECK(toxic.toxic.attributes.at("jitter") == 20);

    const auto& kill = s.faults[2];
    CHECK(kill.name == "stop");
    CHECK_FALSE(kill.duration.has_value());
    const auto& process = std::get<sc::process_fault>(kill.action);
    CHECK(process.action == sc::process_action::kill);
    CHECK(process.restart_after == std::optional<faultline::nanoseconds>(3s));

    const auto& command = std::get<sc::command_fault>(s.faults[3].action);
    CHECK(s.faults[3].name == "command");
    CHECK(command.command == std::vector<std::string>{"true"});
    CHECK(command.undo == std::vector<std::string>{"false", "x"});
    CHECK(command.timeout == 10s);
}

TEST_CASE("default fault names are made unique", "[scenario][faults]") {
    auto s =
        load_ok(drill_with("[[faults]]\nat = \"1s\"\nduration = \"1s\"\nproxy = \"db\"\n"
                           "outage = \"refuse\"\n"
                           "[[faults]]\nat = \"5s\"\nduration = \"1s\"\nproxy = \"db\"\n"
                           "outage = \"reset\"\n"
                           "[[faults]]\nat = \"9s\"\nproxy = \"db\"\noutage = \"refuse\"\n"));
    REQUIRE(s.faults.size() == 3);
    CHECK(s.faults[0].name == "db-refuse");
    CHECK(s.faults[1].name == "db-reset");
    CHECK(s.faults[2].name == "db-refuse-2");
}

TEST_CASE("a fault naming an unknown proxy or service is refused", "[scenario][faults]") {
    require_single(load_errors(drill_with("[[faults]]\nat = \"1s\"\nproxy = \"redis\"\n"
                                          "outage = \"refuse\"\n")),
                   23, 9,
                   "faults.0.proxy: unknown proxy 'redis'; the scenario's proxies are: db, cache");
    require_single(load_errors(drill_with("[[faults]]\nat = \"1s\"\nservice = \"pg\"\n"
                                          "process = \"pause\"\n")),
                   23, 11,
                   "faults.0.service: unknown service 'pg'; the scenario's services are: sample");
}

TEST_CASE("overlapping exclusive faults are refused", "[scenario][faults]") {
    SECTION("two outages of one proxy") {
        require_single(load_errors(drill_with(
                           "[[faults]]\nat = \"10s\"\nduration = \"10s\"\nproxy = \"db\"\n"
                           "outage = \"refuse\"\n"
                           "[[faults]]\nat = \"15s\"\nproxy = \"db\"\noutage = \"reset\"\n")),
                       27, 6,
                       "overlaps fault 'db-refuse' (line 21): both hold an outage of proxy 'db'");
    }
    SECTION("a pause during a kill that never restarts") {
        require_single(load_errors(drill_with("[[faults]]\nat = \"10s\"\nservice = \"sample\"\n"
                                              "process = \"kill\"\n"
                                              "[[faults]]\nat = \"40s\"\nduration = \"1s\"\n"
                                              "service = \"sample\"\nprocess = \"pause\"\n")),
                       26, 6, "both hold a process fault of service 'sample'");
    }
    SECTION("back to back is not an overlap, and other proxies are independent") {
        auto s = load_ok(drill_with(
            "[[faults]]\nat = \"10s\"\nduration = \"10s\"\nproxy = \"db\"\noutage = \"refuse\"\n"
            "[[faults]]\nat = \"20s\"\nduration = \"10s\"\nproxy = \"db\"\noutage = \"refuse\"\n"
            "[[faults]]\nat = \"12s\"\nproxy = \"cache\"\noutage = \"refuse\"\n"));
        CHECK(s.faults.size() == 3);
    }
}

TEST_CASE("a fault outside the run's duration is refused", "[scenario][faults]") {
    require_single(load_errors(drill_with("[[faults]]\nat = \"60s\"\nproxy = \"db\"\n"
                                          "outage = \"refuse\"\n")),
                   22, 6, "faults.0.at: 60s is not inside the run (the run's plan lasts 60s)");
    require_single(
        load_errors(drill_with("[[faults]]\nat = \"50s\"\nduration = \"20s\"\nproxy = \"db\"\n"
                               "outage = \"refuse\"\n")),
        23, 12, "faults.0.duration: the fault would end at 70s, after the run");
    require_single(load_errors(drill_with("[[faults]]\nat = \"50s\"\nservice = \"sample\"\n"
                                          "process = \"kill\"\nrestart_after = \"11s\"\n")),
                   25, 17, "faults.0.restart_after: the fault would end at 61s, after the run");
}

TEST_CASE("malformed faults name what was expected", "[scenario][faults]") {
    SECTION("no action") {
        require_single(load_errors(drill_with("[[faults]]\nat = \"1s\"\n")), 21, 1,
                       "faults.0: expected exactly one of toxic");
    }
    SECTION("two actions") {
        require_single(load_errors(drill_with("[[faults]]\nat = \"1s\"\nproxy = \"db\"\n"
                                              "outage = \"refuse\"\nprocess = \"kill\"\n")),
                       25, 11, "a fault does one thing");
    }
    SECTION("an unknown outage") {
        require_single(load_errors(drill_with("[[faults]]\nat = \"1s\"\nproxy = \"db\"\n"
                                              "outage = \"down\"\n")),
                       24, 10, "expected \"refuse\", \"blackhole\" or \"reset\", got \"down\"");
    }
    SECTION("a missing at") {
        require_single(load_errors(drill_with("[[faults]]\nproxy = \"db\"\noutage = \"reset\"\n")),
                       21, 1, "missing required key 'at'");
    }
    SECTION("a kill has no duration") {
        require_single(load_errors(drill_with("[[faults]]\nat = \"1s\"\nduration = \"1s\"\n"
                                              "service = \"sample\"\nprocess = \"kill\"\n")),
                       23, 12, "use restart_after");
    }
    SECTION("restart_after on a pause") {
        require_single(load_errors(drill_with("[[faults]]\nat = \"1s\"\nservice = \"sample\"\n"
                                              "process = \"pause\"\nrestart_after = \"1s\"\n")),
                       25, 17, "only a kill restarts after a time");
    }
    SECTION("a key of another kind") {
        require_single(load_errors(drill_with("[[faults]]\nat = \"1s\"\nproxy = \"db\"\n"
                                              "outage = \"reset\"\nundo = [\"x\"]\n")),
                       25, 8, "faults.0.undo: not a key of proxy faults");
    }
    SECTION("a bad toxic attribute") {
        require_single(
            load_errors(drill_with("[[faults]]\nat = \"1s\"\nproxy = \"db\"\n"
                                   "toxic = { type = \"latency\", latncy = \"1ms\" }\n")),
            24, 29, "unknown attribute of toxic \"latency\"");
    }
    SECTION("duplicate names") {
        require_single(
            load_errors(drill_with("[[faults]]\nname = \"x\"\nat = \"1s\"\nduration = \"1s\"\n"
                                   "proxy = \"db\"\noutage = \"reset\"\n"
                                   "[[faults]]\nname = \"x\"\nat = \"9s\"\nproxy = \"cache\"\n"
                                   "outage = \"reset\"\n")),
            28, 8, "duplicate fault name 'x' (first used at line 21)");
    }
}

TEST_CASE("in a drill, depends_on names proxies or services", "[scenario][faults]") {
    std::string text = drill_with("[[faults]]\nat = \"1s\"\nproxy = \"db\"\noutage = \"reset\"\n");
    text.replace(text.find("[\"db\"]"), 6, "[\"db\", \"queue\"]");
    require_single(load_errors(text), 16, 21,
                   "'queue' is neither a proxy nor a service of the scenario");
}

TEST_CASE("a standalone proxy takes leased toxic faults but not a refuse outage",
          "[scenario][faults]") {
    const std::string head =
        "name = \"t\"\n"                                                           // 1
        "[[proxies]]\nname = \"db\"\napi = \"127.0.0.1:8474\"\ntoken = \"s\"\n"    // 2-5
        "[[workloads]]\nname = \"w\"\nhttp = { url = \"http://127.0.0.1:1/\" }\n"  // 6-8
        "[ramp]\nshape = \"stages\"\nstart = 1\nstages = [{ target = 1, duration = \"9s\" }]\n"
        "[[faults]]\nat = \"1s\"\nduration = \"2s\"\nproxy = \"db\"\n";  // 13-16
    auto s = load_ok(head + "outage = \"blackhole\"\nlease = \"2s\"\n");
    REQUIRE(s.proxies.size() == 1);
    CHECK(s.proxies[0].standalone());
    CHECK(s.proxies[0].api->port == 8474);
    CHECK(s.proxies[0].token == "s");
    REQUIRE(s.faults.size() == 1);
    CHECK(s.faults[0].lease == 2s);
    require_single(load_errors(head + "outage = \"refuse\"\n"), 17, 10,
                   "a disabled proxy has no lease");
    require_single(load_errors(head + "outage = \"reset\"\nlease = \"100ms\"\n"), 18, 9,
                   "expected at least 300ms");
    std::string configured = head;
    configured.replace(configured.find("token = \"s\"\n"), 12, "listen = \"127.0.0.1:9\"\n");
    require_single(load_errors(configured + "outage = \"reset\"\n"), 5, 10,
                   "lives in its own server");
}
