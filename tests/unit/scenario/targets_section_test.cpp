// [targets] allow and --allow-host: every host a scenario names beyond loopback must be allowed,
// and a refusal is placed at the value that names it.
#include <catch2/catch.hpp>

#include <faultline/drivers/http_config.hpp>
#include <faultline/scenario/loader.hpp>

#include "scenario_test_util.hpp"

using namespace std::chrono_literals;
using faultline::scenario::load_options;
using faultline::scenario::test::load_errors;
using faultline::scenario::test::load_ok;
using faultline::scenario::test::no_env;
using faultline::scenario::test::require_single;
namespace asio = boost::asio;

namespace {

// Line 4 is the workload's driver; `extra` goes after the breaking point (line 9 on).
std::string scenario_of(const std::string& driver, const std::string& extra = "") {
    return "name = \"t\"\n[[workloads]]\nname = \"w\"\n" + driver +
           "[ramp]\nstep = 1\nmax = 2\n[breaking_point]\nerror_rate = \"1%\"\n" + extra;
}

load_options allowing(std::vector<std::string> patterns) {
    auto options = no_env();
    options.allow_hosts = std::move(patterns);
    return options;
}

// Resolves "lb.internal" to two addresses; anything else fails.
load_options with_resolver(load_options options) {
    options.resolve = [](const std::string& host)
        -> faultline::expected<std::vector<asio::ip::address>, std::string> {
        if (host != "lb.internal")
            return faultline::make_unexpected(std::string("Name or service not known"));
        return std::vector<asio::ip::address>{asio::ip::make_address("10.20.1.1"),
                                              asio::ip::make_address("10.20.1.2")};
    };
    return options;
}

}  // namespace

TEST_CASE("a remote host is refused with both ways to allow it", "[scenario][targets]") {
    const std::string line = "http = { url = \"http://api.staging.test:8080/items\" }\n";
    const auto errors = load_errors(scenario_of(line));
    require_single(errors, 4, 16, "workloads.0.http.url: host 'api.staging.test' is not allowed");
    CHECK_THAT(errors[0].message, Catch::Contains("[targets] allow"));
    CHECK_THAT(errors[0].message, Catch::Contains("--allow-host api.staging.test"));
}

TEST_CASE("with the allow-list not enforced (check), a refused host loads", "[scenario][targets]") {
    auto options = no_env();
    options.enforce_allow_list = false;
    const auto sc = load_ok(scenario_of("http = { url = \"http://api.staging.test:8080/\" }\n",
                                        "[targets]\nallow = [\"10.0.0.0/8\"]\n"),
                            options);
    CHECK(sc.targets.allow == std::vector<std::string>{"10.0.0.0/8"});
    // Malformed patterns are still errors.
    options.allow_hosts = {"10.0.0.0/33"};
    CHECK_FALSE(
        load_errors(scenario_of("http = { url = \"http://127.0.0.1:8080/\" }\n"), options).empty());
}

TEST_CASE("the scenario's allow-list or --allow-host lets a host through", "[scenario][targets]") {
    const std::string line = "http = { url = \"http://api.staging.test:8080/items\" }\n";
    const auto by_scenario =
        load_ok(scenario_of(line, "[targets]\nallow = [\"*.staging.test\", \"10.0.0.0/8\"]\n"));
    CHECK(by_scenario.targets.allow == std::vector<std::string>{"*.staging.test", "10.0.0.0/8"});
    const auto& http = by_scenario.workloads[0].driver_as<faultline::drivers::http_workload>();
    CHECK(http.request.target.host == "api.staging.test");
    CHECK(http.request.target.port == 8080);
    load_ok(scenario_of(line), allowing({"api.staging.test"}));
    // Loopback needs nothing, by address or name.
    load_ok(scenario_of("http = { url = \"http://localhost:8080/\" }\n"));
    load_ok(scenario_of("http = { url = \"http://[::1]:8080/\" }\n"));
}

TEST_CASE("every kind of target is judged: redis, postgres, proxy upstreams, setup URLs",
          "[scenario][targets]") {
    const auto redis = load_errors(
        scenario_of("redis = { address = \"cache.internal:6379\", command = [\"PING\"] }\n"));
    require_single(redis, 4, 21, "host 'cache.internal' is not allowed");
    const auto postgres = load_errors(scenario_of(
        "postgres = { conninfo = \"host=db.internal dbname=x\", query = \"SELECT 1\" }\n"));
    require_single(postgres, 4, 25, "host 'db.internal' is not allowed");
    load_ok(
        scenario_of("postgres = { conninfo = \"host=/run/postgresql dbname=x\", "
                    "query = \"SELECT 1\" }\n"));  // a socket folder is local
    const auto setup = load_errors(scenario_of(
        "http = { url = \"http://127.0.0.1:1/\", setup = { url = \"http://login.test/\" } }\n"));
    require_single(setup, 4, 55, "workloads.0.http.setup.url: host 'login.test' is not allowed");
    const auto proxy = load_errors(scenario_of(
        "http = { url = \"http://127.0.0.1:1/\" }\n",
        "[[proxies]]\nname = \"db\"\nlisten = \"0.0.0.0:15432\"\nupstream = \"postgres:5432\"\n"));
    require_single(proxy, 13, 12, "proxies.0.upstream: host 'postgres' is not allowed");
    load_ok(scenario_of("http = { url = \"http://127.0.0.1:1/\" }\n",
                        "[[proxies]]\nname = \"db\"\nlisten = \"0.0.0.0:15432\"\nupstream = "
                        "\"postgres:5432\"\n[targets]\nallow = [\"postgres\"]\n"));
}

TEST_CASE("a CIDR allows a name only when every address it has is inside", "[scenario][targets]") {
    const std::string line = "redis = { address = \"lb.internal:6379\", command = [\"PING\"] }\n";
    load_ok(scenario_of(line), with_resolver(allowing({"10.20.0.0/16"})));
    const auto narrow = load_errors(scenario_of(line), with_resolver(allowing({"10.20.1.1"})));
    require_single(narrow, 4, 21, "it resolves to 10.20.1.2, outside every allowed network");
    const auto unknown = load_errors(
        scenario_of("redis = { address = \"gone.internal:6379\", command = [\"PING\"] }\n"),
        with_resolver(allowing({"10.20.0.0/16"})));
    require_single(unknown, 4, 21, "does not resolve (Name or service not known)");
}

TEST_CASE("malformed allow patterns are placed", "[scenario][targets]") {
    const std::string loopback = "http = { url = \"http://127.0.0.1:1/\" }\n";
    require_single(load_errors(scenario_of(loopback,
                                           "[targets]\nallow = [\"ok.test\", "
                                           "\"10.20.1.0/16\"]\n")),
                   11, 21, "targets.allow.1: 10.20.1.0/16: bits are set beyond the /16 prefix");
    require_single(load_errors(scenario_of(loopback, "[targets]\nallow = \"x.test\"\n")), 11, 9,
                   "targets.allow");
    require_single(load_errors(scenario_of(loopback, "[targets]\nallw = [\"x.test\"]\n")), 11, 1,
                   "allw");
    const auto flag = load_errors(scenario_of(loopback), allowing({"ok.test", "http://x"}));
    require_single(flag, "--allow-host", 2, 1, "not a CIDR network");
}

TEST_CASE("[engine] dns_ttl and dns_policy", "[scenario][targets]") {
    const std::string loopback = "http = { url = \"http://127.0.0.1:1/\" }\n";
    const auto s =
        load_ok(scenario_of(loopback, "[engine]\ndns_ttl = \"0s\"\ndns_policy = \"ipv6\"\n"));
    CHECK(s.engine.dns_ttl == 0s);
    CHECK(s.engine.dns_policy == faultline::net::family_policy::ipv6);
    CHECK(load_ok(scenario_of(loopback)).engine.dns_ttl == 30s);
    require_single(load_errors(scenario_of(loopback, "[engine]\ndns_policy = \"v4\"\n")), 11, 14,
                   "engine.dns_policy: expected \"any\", \"ipv4\" or \"ipv6\", got \"v4\"");
}

TEST_CASE("https URLs and their tls table", "[scenario][targets][tls]") {
    const auto s = load_ok(
        scenario_of("http = { url = \"https://localhost/x\", tls = { insecure = true, "
                    "min_version = \"1.3\", resume = false, server_name = \"api.test\" } }\n"));
    const auto& http = s.workloads[0].driver_as<faultline::drivers::http_workload>();
    CHECK(http.request.https);
    CHECK(http.request.target.port == 443);
    CHECK(http.request.tls.insecure);
    CHECK(http.request.tls.min_version == faultline::net::tls_version::v1_3);
    CHECK_FALSE(http.request.tls.resume);
    CHECK(http.request.tls.server_name == "api.test");

    require_single(load_errors(scenario_of(
                       "http = { url = \"http://localhost/\", tls = { insecure = true } }\n")),
                   4, 43, "workloads.0.http.tls: tls = { ... } applies to https:// URLs");
    require_single(
        load_errors(scenario_of(
            "http = { url = \"https://localhost/\", tls = { min_version = \"1.1\" } }\n")),
        4, 60, "expected \"1.2\" or \"1.3\", got \"1.1\"");
    require_single(load_errors(scenario_of("http = { url = \"https://localhost/\", tls = { "
                                           "insecure = true, ca = \"ca.pem\" } }\n")),
                   4, 44, "insecure = true accepts any certificate");
    require_single(load_errors(scenario_of("http = { url = \"https://localhost/\", tls = { ca = "
                                           "\"/nonexistent/ca.pem\" } }\n")),
                   4, 44, "cannot read CA file '/nonexistent/ca.pem': No such file or directory");
    require_single(load_errors(scenario_of("http = { url = \"https://localhost/\", tls = { cert = "
                                           "\"/nonexistent/c.pem\" } }\n")),
                   4, 44, "a client certificate needs both cert and key");
}
