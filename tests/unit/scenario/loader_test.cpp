#include <catch2/catch.hpp>

#include <faultline/scenario/loader.hpp>

#include "scenario_test_util.hpp"

using namespace std::chrono_literals;
using namespace faultline::scenario;
using faultline::scenario::test::load_ok;
using faultline::scenario::test::no_env;

namespace {

// Every key of the format, each with a non-default value.
constexpr std::string_view full_text = R"(name = "full-example_1.0"

[engine]
threads = 4
drain_timeout = "3s"

[[services]]
name = "sample"
command = ["faultline-sample", "--port", "18080"]
env = { LOG_LEVEL = "info", MODE = "fast" }
ready = { tcp = "127.0.0.1:18080", timeout = "7s" }
stop_timeout = "2s"

[[workloads]]
name = "items"
weight = 80
think_time = "10ms"
depends_on = ["db", "cache"]
check = { status = [200, 201], body_contains = "id" }
http = { method = "POST", url = "http://127.0.0.1:18081/items/{rand:1..10000}?q={seq}", headers = { "X-Api-Key" = "${API_KEY}", Accept = "application/json" }, body = '{"n": {seq}}', connect_timeout = "1s", timeout = "3s" }

[[workloads]]
name = "orders"
weight = 2.5
[workloads.http]
url = "http://localhost/orders"
headers = { Authorization = "Bearer {var:token}", "X-Session" = "{var:session}" }
[workloads.http.setup]
method = "POST"
url = "http://[::1]:9000/login"
body = '{"user": "u{seq}"}'
check = { status = 200 }
capture = { token = "/token", session = "header:X-Session" }

[ramp]
model = "open"
start = "100/s"
factor = 1.5
max = 2000
step_duration = "10s"
warmup = "2s"
max_connections = 64

[breaking_point]
error_rate = "0.5%"
p99 = "50ms"
"p99.9" = "80ms"
max = "1s"
min_attainment = "90%"
max_dropped = 5
window = "2s"
consecutive = 3
)";

// Only what is required.
constexpr std::string_view minimal_text = R"(name = "minimal"
[[workloads]]
name = "items"
http = { url = "http://127.0.0.1:18080/items" }
[ramp]
step = 8
max = 64
[breaking_point]
p99 = "100ms"
)";

}  // namespace

TEST_CASE("a full scenario loads with every field as written", "[scenario]") {
    auto options = no_env();
    options.env = [](const std::string& name) -> std::optional<std::string> {
        if (name == "API_KEY")
            return "secret";
        return std::nullopt;
    };
    const scenario s = load_ok(full_text, options);
    CHECK(s.name == "full-example_1.0");
    CHECK(s.source_path == "t.toml");
    CHECK(s.engine.threads == 4);
    CHECK(s.engine.drain_timeout == 3s);

    REQUIRE(s.services.size() == 1);
    const service& svc = s.services[0];
    CHECK(svc.name == "sample");
    CHECK(svc.command == std::vector<std::string>{"faultline-sample", "--port", "18080"});
    CHECK(svc.env == std::map<std::string, std::string>{{"LOG_LEVEL", "info"}, {"MODE", "fast"}});
    REQUIRE(svc.ready.has_value());
    CHECK(svc.ready->tcp == faultline::core::host_port{"127.0.0.1", 18080});
    CHECK(svc.ready->timeout == 7s);
    CHECK(svc.stop_timeout == 2s);

    REQUIRE(s.workloads.size() == 2);
    const workload& items = s.workloads[0];
    CHECK(items.name == "items");
    CHECK(items.weight == 80);
    CHECK(items.think_time == 10ms);
    CHECK(items.depends_on == std::vector<std::string>{"db", "cache"});
    CHECK(items.check.status == std::vector<int>{200, 201});
    CHECK(items.check.body_contains == "id");
    const auto& http = items.driver_as<faultline::drivers::http_workload>();
    CHECK(http.request.method == "POST");
    CHECK(http.request.target == faultline::core::host_port{"127.0.0.1", 18081});
    CHECK(http.request.path == "/items/{rand:1..10000}?q={seq}");
    using header = std::pair<std::string, std::string>;
    CHECK(http.request.headers ==
          std::vector<header>{{"Accept", "application/json"}, {"X-Api-Key", "secret"}});
    CHECK(http.request.body == R"({"n": {seq}})");
    CHECK(http.connect_timeout == 1s);
    CHECK(http.request_timeout == 3s);
    CHECK_FALSE(http.setup.has_value());

    const workload& orders = s.workloads[1];
    CHECK(orders.weight == 2.5);
    const auto& login = orders.driver_as<faultline::drivers::http_workload>();
    CHECK(login.request.target == faultline::core::host_port{"localhost", 80});
    CHECK(login.request.path == "/orders");
    CHECK(login.request.headers == std::vector<header>{{"Authorization", "Bearer {var:token}"},
                                                       {"X-Session", "{var:session}"}});
    REQUIRE(login.setup.has_value());
    CHECK(login.setup->request.method == "POST");
    CHECK(login.setup->request.target == faultline::core::host_port{"::1", 9000});
    CHECK(login.setup->request.path == "/login");
    CHECK(login.setup->request.body == R"({"user": "u{seq}"})");
    CHECK(login.setup->check.status == std::vector<int>{200});
    REQUIRE(login.setup->captures.size() == 2);
    // captures come in key order: session, token
    CHECK(login.setup->captures[0].var == "session");
    CHECK(login.setup->captures[0].header == "X-Session");
    CHECK(login.setup->captures[0].json_pointer.empty());
    CHECK(login.setup->captures[1].var == "token");
    CHECK(login.setup->captures[1].json_pointer == "/token");
    CHECK(login.setup->captures[1].header.empty());

    CHECK(s.ramp.model == load_model::open);
    CHECK(s.ramp.steps().start == Approx(100));
    CHECK(s.ramp.steps().step == 0);
    CHECK(s.ramp.steps().factor == Approx(1.5));
    CHECK(s.ramp.steps().max == Approx(2000));
    CHECK(s.ramp.steps().step_duration == 10s);
    CHECK(s.ramp.steps().warmup == 2s);
    CHECK(s.ramp.max_connections == 64);

    REQUIRE(s.breaking_point.error_rate.has_value());
    CHECK(*s.breaking_point.error_rate == Approx(0.005));
    const auto& latency = s.breaking_point.latency;
    REQUIRE(latency.size() == 3);  // sorted by quantile
    CHECK(latency[0].quantile == 99);
    CHECK(latency[0].limit == 50ms);
    CHECK(latency[1].quantile == Approx(99.9));
    CHECK(latency[1].limit == 80ms);
    CHECK(latency[2].quantile == 100);
    CHECK(latency[2].limit == 1s);
    CHECK(s.breaking_point.min_attainment == Approx(0.90));
    CHECK(s.breaking_point.max_dropped == std::optional<double>(5));
    CHECK_FALSE(s.breaking_point.max_dropped_fraction);
    CHECK(s.breaking_point.window == 2s);
    CHECK(s.breaking_point.consecutive == 3);
}

TEST_CASE("omitted keys take the documented defaults", "[scenario]") {
    const scenario s = load_ok(minimal_text);
    CHECK(s.engine.threads == 0);
    CHECK(s.engine.drain_timeout == 5s);
    CHECK(s.services.empty());
    REQUIRE(s.workloads.size() == 1);
    const workload& w = s.workloads[0];
    CHECK(w.weight == 1);
    CHECK(w.think_time == 0s);
    CHECK(w.depends_on.empty());
    CHECK(w.check.status.empty());
    CHECK(w.check.body_contains.empty());
    const auto& http = w.driver_as<faultline::drivers::http_workload>();
    CHECK(http.request.method == "GET");
    CHECK(http.request.headers.empty());
    CHECK(http.request.body.empty());
    CHECK(http.connect_timeout == 2s);
    CHECK(http.request_timeout == 5s);
    CHECK_FALSE(http.setup.has_value());
    CHECK(s.ramp.model == load_model::closed);
    CHECK(s.ramp.steps().start == 1);
    CHECK(s.ramp.steps().step == 8);
    CHECK(s.ramp.steps().factor == 0);
    CHECK(s.ramp.steps().max == 64);
    CHECK(s.ramp.steps().step_duration == 5s);
    CHECK(s.ramp.steps().warmup == 1s);
    CHECK(s.ramp.max_connections == 1000);
    CHECK_FALSE(s.breaking_point.error_rate.has_value());
    REQUIRE(s.breaking_point.latency.size() == 1);
    CHECK(s.breaking_point.latency[0].quantile == 99);
    CHECK(s.breaking_point.latency[0].limit == 100ms);
    CHECK(s.breaking_point.min_attainment == Approx(0.95));
    CHECK_FALSE(s.breaking_point.max_dropped.has_value());
    CHECK(s.breaking_point.window == 1s);
    CHECK(s.breaking_point.consecutive == 2);
}

TEST_CASE("a service's optional keys have defaults", "[scenario]") {
    std::string text(minimal_text);
    text +=
        "[[services]]\nname = \"s\"\ncommand = [\"x\"]\n"
        "[[services]]\nname = \"t\"\ncommand = [\"y\"]\nready = { tcp = \"localhost:9\" }\n";
    const scenario s = load_ok(text);
    REQUIRE(s.services.size() == 2);
    CHECK(s.services[0].env.empty());
    CHECK_FALSE(s.services[0].ready.has_value());
    CHECK(s.services[0].stop_timeout == 5s);
    REQUIRE(s.services[1].ready.has_value());
    CHECK(s.services[1].ready->timeout == 10s);
}

TEST_CASE("URLs split into target and path", "[scenario]") {
    auto [url, host, port, path] = GENERATE(table<const char*, const char*, int, const char*>({
        {"http://127.0.0.1:8080/a/b?c=1&d={seq}", "127.0.0.1", 8080, "/a/b?c=1&d={seq}"},
        {"http://localhost", "localhost", 80, "/"},
        {"http://127.9.9.9:81", "127.9.9.9", 81, "/"},
        {"http://[::1]:8443?x=1", "::1", 8443, "/?x=1"},
        {"http://[::1]/", "::1", 80, "/"},
    }));
    INFO(url);
    const std::string text = "name = \"u\"\n[[workloads]]\nname = \"w\"\nhttp = { url = \"" +
                             std::string(url) +
                             "\" }\n[ramp]\nstep = 1\nmax = 2\n[breaking_point]\np99 = \"1s\"\n";
    const scenario s = load_ok(text);
    const auto& request = s.workloads[0].driver_as<faultline::drivers::http_workload>().request;
    CHECK(request.target.host == host);
    CHECK(request.target.port == port);
    CHECK(request.path == path);
}

TEST_CASE("open-model levels accept numbers and rates, closed-model levels are integers",
          "[scenario]") {
    const std::string head =
        "name = \"r\"\n[[workloads]]\nname = \"w\"\nhttp = { url = \"http://127.0.0.1:1/\" }\n"
        "[breaking_point]\nerror_rate = \"1%\"\n[ramp]\n";
    const scenario open =
        load_ok(head + "model = \"open\"\nstart = 1.5\nstep = \"30/m\"\nmax = \"120/s\"\n");
    CHECK(open.ramp.steps().start == Approx(1.5));
    CHECK(open.ramp.steps().step == Approx(0.5));
    CHECK(open.ramp.steps().max == Approx(120));

    auto errors = faultline::scenario::test::load_errors(
        head + "model = \"closed\"\nstart = \"5/s\"\nstep = 2.5\nmax = 10\n");
    INFO(faultline::core::to_string(errors));
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].line == 9);
    CHECK_THAT(errors[0].message, Catch::Contains("integer number of virtual users"));
    CHECK(errors[1].line == 10);
    CHECK_THAT(errors[1].message, Catch::Contains("got float 2.5"));
}

TEST_CASE("a missing file is one diagnostic naming it", "[scenario]") {
    auto result = load_scenario_file("/nonexistent/faultline/none.toml");
    REQUIRE_FALSE(result.has_value());
    REQUIRE(result.error().size() == 1);
    CHECK(result.error()[0].file == "/nonexistent/faultline/none.toml");
    CHECK(result.error()[0].line == 0);
    CHECK_THAT(result.error()[0].message, Catch::Contains("cannot open"));
}
