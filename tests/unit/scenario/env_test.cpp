// ${NAME} references: replaced from the environment at load time.
#include <cstdlib>
#include <map>

#include <catch2/catch.hpp>

#include <faultline/scenario/loader.hpp>

#include "scenario_test_util.hpp"

using namespace faultline::scenario;
using faultline::scenario::test::load_errors;
using faultline::scenario::test::load_ok;
using faultline::scenario::test::require_single;

namespace {

std::string scenario_with_http(const std::string& http) {
    return "name = \"e\"\n[[workloads]]\nname = \"w\"\nhttp = " + http +
           "\n[ramp]\nstep = 1\nmax = 2\n[breaking_point]\np99 = \"1s\"\n";
}

load_options env_of(std::map<std::string, std::string> values) {
    load_options options;
    options.env = [values =
                       std::move(values)](const std::string& name) -> std::optional<std::string> {
        auto found = values.find(name);
        if (found == values.end())
            return std::nullopt;
        return found->second;
    };
    return options;
}

const faultline::drivers::http_request& request_of(const scenario& s) {
    return s.workloads[0].driver_as<faultline::drivers::http_workload>().request;
}

}  // namespace

TEST_CASE("${NAME} is replaced in the URL, header values and body", "[scenario][env]") {
    const auto s = load_ok(
        scenario_with_http(
            R"({ url = "http://127.0.0.1:${PORT}/${P}/{seq}", headers = { A = "k ${KEY}" }, body = "${KEY}${KEY}" })"),
        env_of({{"PORT", "9123"}, {"P", "items"}, {"KEY", "s3"}}));
    const auto& request = request_of(s);
    CHECK(request.target.port == 9123);
    CHECK(request.path == "/items/{seq}");
    REQUIRE(request.headers.size() == 1);
    CHECK(request.headers[0].second == "k s3");
    CHECK(request.body == "s3s3");
}

TEST_CASE("$${ is a literal ${ and a lone $ stays", "[scenario][env]") {
    const auto s = load_ok(
        scenario_with_http(R"({ url = "http://127.0.0.1:1/", body = "$${HOME} costs $5" })"),
        env_of({}));
    CHECK(request_of(s).body == "${HOME} costs $5");
}

TEST_CASE("every unset variable is reported at its reference", "[scenario][env]") {
    const std::string http = R"({ url = "http://127.0.0.1:1/", body = "${ONE} and ${TWO}" })";
    const std::string line = "http = " + http;
    auto errors = load_errors(scenario_with_http(http), env_of({}));
    INFO(faultline::core::to_string(errors));
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].line == 4);
    CHECK(errors[0].column == static_cast<int>(line.find("${ONE}")) + 1);
    CHECK_THAT(errors[0].message, Catch::Contains("environment variable ONE is not set"));
    CHECK(errors[1].column == static_cast<int>(line.find("${TWO}")) + 1);
    CHECK_THAT(errors[1].message, Catch::Contains("environment variable TWO is not set"));
}

TEST_CASE("a malformed reference is rejected", "[scenario][env]") {
    const std::string http = R"({ url = "http://127.0.0.1:1/", body = "${NOT-A-NAME}" })";
    require_single(load_errors(scenario_with_http(http), env_of({})), 4,
                   static_cast<int>(("http = " + http).find("${")) + 1,
                   "is not a valid environment variable reference");
}

TEST_CASE("a substituted value that breaks the URL is reported at the value", "[scenario][env]") {
    const std::string http = R"({ url = "http://${HOST}:80/" })";
    require_single(load_errors(scenario_with_http(http), env_of({{"HOST", "a b"}})), 4,
                   static_cast<int>(("http = " + http).find("\"http")) + 1,
                   "URLs cannot contain whitespace");
}

TEST_CASE("without an env function the process environment is used", "[scenario][env]") {
    ::setenv("FAULTLINE_SCENARIO_TEST_TOKEN", "from-process", 1);
    const auto s = load_ok(
        scenario_with_http(
            R"({ url = "http://127.0.0.1:1/", body = "${FAULTLINE_SCENARIO_TEST_TOKEN}" })"),
        load_options{});
    ::unsetenv("FAULTLINE_SCENARIO_TEST_TOKEN");
    CHECK(request_of(s).body == "from-process");
}
