// redis = { ... }: the Redis driver's table of a workload.
#include <catch2/catch.hpp>

#include <faultline/scenario/loader.hpp>

#include "scenario_test_util.hpp"

using namespace std::chrono_literals;
using faultline::scenario::test::load_errors;
using faultline::scenario::test::load_ok;
using faultline::scenario::test::require_single;

namespace {

// A scenario whose only workload's driver line is line 4.
std::string with_driver(const std::string& line) {
    return "name = \"t\"\n[[workloads]]\nname = \"cache\"\n" + line +
           "[ramp]\nstep = 1\nmax = 2\n[breaking_point]\nerror_rate = \"1%\"\n";
}

}  // namespace

TEST_CASE("a redis workload loads its address, command and timeouts", "[scenario][redis]") {
    const auto s = load_ok(with_driver(
        "redis = { address = \"127.0.0.1:6379\", command = [\"SET\", \"item:{rand:1..9}\", "
        "\"{uuid}\"], connect_timeout = \"1s\", timeout = \"250ms\" }\n"));
    const auto& redis = s.workloads[0].driver_as<faultline::drivers::redis_workload>();
    CHECK(redis.address.host == "127.0.0.1");
    CHECK(redis.address.port == 6379);
    CHECK(redis.command == std::vector<std::string>{"SET", "item:{rand:1..9}", "{uuid}"});
    CHECK(redis.connect_timeout == 1s);
    CHECK(redis.request_timeout == 250ms);
}

TEST_CASE("redis workload mistakes name their key", "[scenario][redis][errors]") {
    SECTION("not loopback, not allowed") {
        require_single(load_errors(with_driver(
                           "redis = { address = \"10.0.0.5:6379\", command = [\"PING\"] }\n")),
                       4, 21, "workloads.0.redis.address: host '10.0.0.5' is not allowed");
    }
    SECTION("no command") {
        require_single(load_errors(with_driver("redis = { address = \"127.0.0.1:6379\" }\n")), 4, 9,
                       "missing required key 'command' in workloads.0.redis");
    }
    SECTION("an empty command") {
        require_single(
            load_errors(with_driver("redis = { address = \"127.0.0.1:6379\", command = [] }\n")), 4,
            49, "workloads.0.redis.command: expected a non-empty array of strings");
    }
    SECTION("a malformed template") {
        require_single(load_errors(with_driver("redis = { address = \"127.0.0.1:6379\", command "
                                               "= [\"GET\", \"k{rand:9..1}\"] }\n")),
                       4, 59, "invalid template");
    }
    SECTION("both drivers") {
        require_single(load_errors(with_driver(
                           "http = { url = \"http://127.0.0.1:1/\" }\n"
                           "redis = { address = \"127.0.0.1:6379\", command = [\"PING\"] }\n")),
                       5, 9, "a workload has exactly one driver table");
    }
}
