// [[proxies]]: addresses, toxics with units converted to the toxic's own, and every error placed.
#include <catch2/catch.hpp>

#include <faultline/scenario/loader.hpp>

#include "scenario_test_util.hpp"

using faultline::scenario::test::load_errors;
using faultline::scenario::test::load_ok;
using faultline::scenario::test::require_single;

namespace {

// Proxy lines start at line 3.
std::string scenario_with_proxy(const std::string& proxy_lines) {
    return "name = \"t\"\n"   // 1
           "[[proxies]]\n" +  // 2
           proxy_lines +      // 3...
           "[[workloads]]\nname = \"w\"\nhttp = { url = \"http://127.0.0.1:18081/\" }\n"
           "[ramp]\nstep = 1\nmax = 2\n[breaking_point]\np99 = \"1s\"\n";
}

}  // namespace

TEST_CASE("a proxy with toxics loads, durations in the toxic's units", "[scenario][proxies]") {
    auto s = load_ok(scenario_with_proxy(
        "name = \"api\"\nlisten = \"127.0.0.1:18081\"\nupstream = \"localhost:18080\"\n"
        "toxics = [\n"
        "  { type = \"latency\", latency = \"20ms\", jitter = \"2ms\" },\n"
        "  { type = \"slicer\", stream = \"upstream\", average_size = 64, delay = \"1ms\", "
        "toxicity = 0.5 },\n"
        "]\n"));
    REQUIRE(s.proxies.size() == 1);
    const auto& p = s.proxies[0];
    CHECK(p.name == "api");
    CHECK(p.listen.port == 18081);
    CHECK(p.upstream.host == "localhost");
    CHECK(p.enabled);
    REQUIRE(p.toxics.size() == 2);
    CHECK(p.toxics[0].type == "latency");
    CHECK(p.toxics[0].stream == "downstream");
    CHECK(p.toxics[0].attributes.at("latency") == 20);  // ms
    CHECK(p.toxics[0].attributes.at("jitter") == 2);
    CHECK(p.toxics[1].stream == "upstream");
    CHECK(p.toxics[1].toxicity == 0.5);
    CHECK(p.toxics[1].attributes.at("delay") == 1000);  // slicer's delay is in µs
    CHECK(p.toxics[1].attributes.at("average_size") == 64);
}

TEST_CASE("proxy errors are placed and say what was expected", "[scenario][proxies]") {
    SECTION("a listen address without a port") {
        require_single(load_errors(scenario_with_proxy(
                           "name = \"a\"\nlisten = \"127.0.0.1:0\"\nupstream = \"127.0.0.1:1\"\n")),
                       "t.toml", 4, 10,
                       "proxies.0.listen: expected an address of this machine with a port");
    }
    SECTION("an upstream elsewhere") {
        require_single(
            load_errors(scenario_with_proxy(
                "name = \"a\"\nlisten = \"127.0.0.1:9\"\nupstream = \"10.0.0.1:5432\"\n")),
            "t.toml", 5, 12, "proxies.0.upstream: host '10.0.0.1' is not allowed");
    }
    SECTION("an unknown toxic type") {
        require_single(load_errors(scenario_with_proxy(
                           "name = \"a\"\nlisten = \"127.0.0.1:9\"\nupstream = \"127.0.0.1:1\"\n"
                           "toxics = [{ type = \"gremlin\" }]\n")),
                       "t.toml", 6, 20, "unknown toxic type \"gremlin\"");
    }
    SECTION("an attribute the type does not have") {
        require_single(load_errors(scenario_with_proxy(
                           "name = \"a\"\nlisten = \"127.0.0.1:9\"\nupstream = \"127.0.0.1:1\"\n"
                           "toxics = [{ type = \"latency\", rate = 5 }]\n")),
                       "t.toml", 6, 31, "unknown attribute of toxic \"latency\"");
    }
    SECTION("a duration attribute given as a bare number") {
        require_single(load_errors(scenario_with_proxy(
                           "name = \"a\"\nlisten = \"127.0.0.1:9\"\nupstream = \"127.0.0.1:1\"\n"
                           "toxics = [{ type = \"latency\", latency = 20 }]\n")),
                       "t.toml", 6, 41, "expected a duration such as \"20ms\"");
    }
    SECTION("a negative attribute") {
        auto errors = load_errors(scenario_with_proxy(
            "name = \"a\"\nlisten = \"127.0.0.1:9\"\nupstream = \"127.0.0.1:1\"\n"
            "toxics = [{ type = \"limit_data\", bytes = -1 }]\n"));
        INFO(faultline::core::to_string(errors));
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].line == 6);
        CHECK(errors[0].message.find("bytes") != std::string::npos);
    }
    SECTION("a bad stream") {
        require_single(load_errors(scenario_with_proxy(
                           "name = \"a\"\nlisten = \"127.0.0.1:9\"\nupstream = \"127.0.0.1:1\"\n"
                           "toxics = [{ type = \"latency\", stream = \"sideways\" }]\n")),
                       "t.toml", 6, 11, "expected \"upstream\" or \"downstream\"");
    }
}
