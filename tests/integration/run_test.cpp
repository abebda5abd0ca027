// `faultline run` and `faultline validate` as a user runs them: real processes, real exit codes.
#include <csignal>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <faultline/core/asio.hpp>
#include <faultline/test/nginx.hpp>
#include <faultline/test/support.hpp>

#include "faultline_run.hpp"
#include "process_runner.hpp"

using namespace std::chrono_literals;
using faultline::test::run_process;
using namespace faultline::test::runs;

namespace {

// A scenario against the sample service with 4 workers and a 5 ms service time: a capacity of
// 4 / 5 ms = 800 req/s, reached at 4 virtual users.
std::string sample_scenario(std::uint16_t port, const std::string& max = "12") {
    const auto p = std::to_string(port);
    return "name = \"itest\"\n"
           "[[services]]\n"
           "name = \"sample\"\n"
           "command = [\"faultline-sample\", \"--port\", \"" +
           p +
           "\", \"--workers\", \"4\", \"--service-time\", \"5ms\"]\n"
           "ready = { tcp = \"127.0.0.1:" +
           p +
           "\", timeout = \"5s\" }\n"
           "[[workloads]]\n"
           "name = \"items\"\n"
           "http = { url = \"http://127.0.0.1:" +
           p +
           "/items/{rand:1..100}\" }\n"
           "check = { status = 200 }\n"
           "[ramp]\n"
           "start = 1\nstep = 1\nmax = " +
           max +
           "\n"
           "step_duration = \"1500ms\"\nwarmup = \"500ms\"\n"
           "[breaking_point]\n"
           "error_rate = \"1%\"\np99 = \"500ms\"\nknee = \"5%\"\n";
}

}  // namespace

TEST_CASE("a run finds the sample service's breaking point near N / D", "[.integration][run]") {
    faultline::test::temp_dir dir;
    const auto port = faultline::test::free_port();
    auto scenario = write_file(dir, "s.toml", sample_scenario(port));
    auto results = dir.path() / "results";
    auto r = run_process(faultline_bin(), {"run", scenario, "--results", results.string()}, 60s);
    INFO(r.output);
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    auto summary = read_json(results / "summary.json");
    CHECK(summary["scenario"] == "itest");
    CHECK(summary["model"] == "closed");
    CHECK(summary["breaking_point"]["found"] == true);
    const double capacity = summary["breaking_point"]["capacity"]["throughput_rps"];
    CHECK(capacity == Approx(800).epsilon(0.2));
    check_accounting(summary["totals"]);
    CHECK(summary["verdict"] == "pass");
    CHECK(summary["reasons"].empty());
    CHECK(std::filesystem::exists(results / "steps.csv"));
    CHECK(std::filesystem::exists(results / "scenario.toml"));
    // The timeline's 100 ms buckets add up to the totals.
    std::ifstream timeline(results / "timeline.csv");
    std::string line;
    std::getline(timeline, line);
    CHECK(line.rfind("bucket,end_s,workload,sent,ok,", 0) == 0);
    std::uint64_t sent = 0, ok = 0, rows = 0;
    while (std::getline(timeline, line)) {
        std::stringstream fields(line);
        std::string field;
        for (int i = 0; i < 5 && std::getline(fields, field, ','); ++i) {
            if (i == 3)
                sent += std::stoull(field);
            if (i == 4)
                ok += std::stoull(field);
        }
        ++rows;
    }
    CHECK(rows > 30);
    CHECK(sent == summary["totals"]["sent"].get<std::uint64_t>());
    CHECK(ok == summary["totals"]["ok"].get<std::uint64_t>());
    CHECK_FALSE(port_accepts(port));  // the service was stopped
}

TEST_CASE("SIGINT keeps the steps measured so far and exits 130", "[.integration][run]") {
    faultline::test::temp_dir dir;
    const auto port = faultline::test::free_port();
    auto scenario = write_file(dir, "s.toml", sample_scenario(port, "1000"));
    auto results = dir.path() / "results";
    auto r = run_process(faultline_bin(), {"run", scenario, "--results", results.string()}, 60s,
                         faultline::test::signal_on_output{"step   2/", SIGINT});
    INFO(r.output);
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 130);
    auto summary = read_json(results / "summary.json");
    CHECK(summary["interrupted"] == true);
    REQUIRE(summary["steps"].size() >= 2);
    CHECK(summary["steps"][0]["passed"] == true);
    CHECK(summary["steps"][0]["throughput_rps"].get<double>() > 100);
    check_accounting(summary["totals"]);
    CHECK_FALSE(port_accepts(port));
}

TEST_CASE("bad scenarios exit 2 naming file, line and column", "[.integration][run]") {
    struct row {
        const char* name;
        std::string text;
        std::string where;
    };
    const std::string head = "name = \"bad\"\n";
    const std::string base =
        "[ramp]\nstart = 1\nstep = 1\nmax = 2\n[breaking_point]\nerror_rate = \"1%\"\n";
    const std::string workload =
        head + "[[workloads]]\nname = \"w\"\nhttp = { url = \"http://127.0.0.1:1/\" }\n";
    const std::string criteria = "[breaking_point]\nerror_rate = \"1%\"\n";
    auto r = GENERATE_COPY(values<row>({
        {"wrong type",
         head +
             "[[workloads]]\nname = \"w\"\nweight = \"heavy\"\nhttp = { url = "
             "\"http://127.0.0.1:1/\" }\n" +
             base,
         "bad.toml:4:10"},
        {"unknown key",
         head +
             "[[workloads]]\nname = \"w\"\nwieght = 1\nhttp = { url = \"http://127.0.0.1:1/\" }\n" +
             base,
         "bad.toml:4:1"},
        {"negative duration",
         head +
             "[[workloads]]\nname = \"w\"\nthink_time = \"-5s\"\nhttp = { url = "
             "\"http://127.0.0.1:1/\" }\n" +
             base,
         "bad.toml:4:14"},
        {"malformed URL",
         head + "[[workloads]]\nname = \"w\"\nhttp = { url = \"htp:/127.0.0.1\" }\n" + base,
         "bad.toml:4:16"},
        // The ramp and its criteria; [ramp] starts on line 5.
        {"max below start", workload + "[ramp]\nstart = 8\nstep = 1\nmax = 4\n" + criteria,
         "bad.toml:8:7: ramp.max (4) must be at least ramp.start (8)"},
        {"a zero step", workload + "[ramp]\nstart = 1\nstep = 0\nmax = 4\n" + criteria,
         "bad.toml:7:8: ramp.step"},
        {"a factor of 1", workload + "[ramp]\nstart = 1\nfactor = 1\nmax = 4\n" + criteria,
         "bad.toml:7:10: ramp.factor: expected a number > 1"},
        {"warm-up as long as the step",
         workload +
             "[ramp]\nstart = 1\nstep = 1\nmax = 4\nstep_duration = \"1s\"\nwarmup = \"1s\"\n" +
             criteria,
         "bad.toml:10:10: ramp.warmup (1s) must be shorter than ramp.step_duration (1s)"},
        {"an unknown criterion",
         workload + "[ramp]\nstart = 1\nstep = 1\nmax = 4\n[breaking_point]\np99 = \"1s\"\n"
                    "latency = \"1s\"\n",
         "bad.toml:11:1: unknown key 'latency' in [breaking_point]"},
    }));
    INFO(r.name);
    faultline::test::temp_dir dir;
    auto file = write_file(dir, "bad.toml", r.text);
    auto result = run_process(faultline_bin(), {"run", file}, 10s);
    INFO(result.output);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains(r.where));
    auto validate = run_process(faultline_bin(), {"validate", file}, 10s);
    CHECK(validate.exit_code == 2);
    CHECK_THAT(validate.output, Catch::Contains(r.where));
}

TEST_CASE("a port already taken exits 3 with a clear message", "[.integration][run]") {
    faultline::asio::io_context ioc;
    faultline::tcp::acceptor taken(ioc, {faultline::asio::ip::make_address("127.0.0.1"), 0});
    const auto port = taken.local_endpoint().port();
    faultline::test::temp_dir dir;
    auto scenario = write_file(dir, "s.toml", sample_scenario(port));
    auto r = run_process(faultline_bin(),
                         {"run", scenario, "--results", (dir.path() / "r").string()}, 20s);
    INFO(r.output);
    CHECK(r.exit_code == 3);
    CHECK_THAT(r.output, Catch::Contains("already taken") && Catch::Contains(std::to_string(port)));
}

TEST_CASE("the shipped quickstart validates", "[.integration][run]") {
    auto r = run_process(faultline_bin(),
                         {"validate", faultline::test::source_dir() + "/scenarios/quickstart.toml"},
                         10s);
    INFO(r.output);
    CHECK(r.exit_code == 0);
}

namespace {
std::string session_scenario(std::uint16_t port, bool with_login) {
    const auto p = std::to_string(port);
    std::string http = "http = { url = \"http://127.0.0.1:" + p +
                       "/me\", headers = { Authorization = \"Bearer {var:token}\", X-Api-Key = "
                       "\"${FAULTLINE_TEST_KEY}\" }";
    if (with_login) {
        http += ", setup = { method = \"POST\", url = \"http://127.0.0.1:" + p +
                "/login\", body = \"{}\", capture = { token = \"/token\" } }";
    } else {
        http = "http = { url = \"http://127.0.0.1:" + p +
               "/me\", headers = { Authorization = \"Bearer nobody\", X-Api-Key = "
               "\"${FAULTLINE_TEST_KEY}\" }";
    }
    return "name = \"session\"\n"
           "[[services]]\nname = \"sample\"\n"
           "command = [\"faultline-sample\", \"--port\", \"" +
           p +
           "\", \"--workers\", \"4\", \"--service-time\", \"1ms\"]\n"
           "ready = { tcp = \"127.0.0.1:" +
           p +
           "\", timeout = \"5s\" }\n"
           "[[workloads]]\nname = \"me\"\n" +
           http +
           " }\n"
           "[ramp]\nstart = 4\nstep = 1\nmax = 4\nstep_duration = \"1s\"\nwarmup = \"200ms\"\n"
           "[breaking_point]\nerror_rate = \"100%\"\n";
}
}  // namespace

TEST_CASE("a setup login's captured token authenticates every later request",
          "[.integration][run]") {
    ::setenv("FAULTLINE_TEST_KEY", "secret", 1);
    for (bool with_login : {true, false}) {
        INFO("with login: " << with_login);
        faultline::test::temp_dir dir;
        auto scenario =
            write_file(dir, "s.toml", session_scenario(faultline::test::free_port(), with_login));
        auto results = dir.path() / "results";
        auto r =
            run_process(faultline_bin(), {"run", scenario, "--results", results.string()}, 30s);
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
        auto totals = read_json(results / "summary.json")["totals"];
        check_accounting(totals);
        CHECK(totals["sent"].get<std::uint64_t>() > 100);
        if (with_login) {
            CHECK(totals["ok"].get<std::uint64_t>() == totals["sent"].get<std::uint64_t>());
        } else {
            CHECK(totals["errors"]["http_4xx"].get<std::uint64_t>() ==
                  totals["sent"].get<std::uint64_t>());
        }
    }
}

TEST_CASE("a scenario's proxy carries its toxic for the run and is gone after it",
          "[.integration][run][proxy]") {
    faultline::test::temp_dir dir;
    const auto service = faultline::test::free_port();
    auto proxy = faultline::test::free_port();
    while (proxy == service)
        proxy = faultline::test::free_port();
    const auto s = std::to_string(service);
    const auto p = std::to_string(proxy);
    const std::string text =
        "name = \"proxied\"\n"
        "[[proxies]]\nname = \"api\"\nlisten = \"127.0.0.1:" +
        p + "\"\n" + "upstream = \"127.0.0.1:" + s + "\"\n" +
        "toxics = [{ type = \"latency\", latency = \"30ms\" }]\n"
        "[[services]]\nname = \"sample\"\n"
        "command = [\"faultline-sample\", \"--port\", \"" +
        s +
        "\", \"--workers\", \"4\", \"--service-time\", \"1ms\"]\n"
        "ready = { tcp = \"127.0.0.1:" +
        s +
        "\", timeout = \"5s\" }\n"
        "[[workloads]]\nname = \"items\"\n"
        "http = { url = \"http://127.0.0.1:" +
        p +
        "/items/{rand:1..100}\" }\n"
        "check = { status = 200 }\n"
        "[ramp]\nstart = 1\nstep = 1\nmax = 2\nstep_duration = \"1500ms\"\nwarmup = \"500ms\"\n"
        "[breaking_point]\nerror_rate = \"1%\"\n";
    const auto run = run_expecting_success(dir, text, 60s);
    INFO(run.output);
    const auto& summary = run.summary;
    REQUIRE(summary["steps"].size() == 2);
    for (const auto& step : summary["steps"]) {
        CHECK(step["p50_ms"].get<double>() >= 30.0);
        CHECK(step["p50_ms"].get<double>() < 200.0);
    }
    check_accounting(summary["totals"]);
    CHECK(summary["totals"]["ok"].get<std::uint64_t>() > 20);
    CHECK_FALSE(port_accepts(proxy));  // the proxy closed with the run
}

namespace {

// The sample service with N workers holding each request for D: capacity N / D. A ramp with
// refinement, closed (virtual users) or open (arrivals per second).
std::string refine_scenario(std::uint16_t port, int workers, int service_ms, bool open) {
    const auto p = std::to_string(port);
    const double capacity = workers * 1000.0 / service_ms;
    std::string ramp;
    if (open) {
        ramp = "model = \"open\"\nstart = " + std::to_string(static_cast<int>(capacity * 0.5)) +
               "\nfactor = 1.5\nmax = " + std::to_string(static_cast<int>(capacity * 3)) +
               "\nmax_connections = 400\n";
    } else {
        ramp = "start = " + std::to_string(std::max(1, workers / 2)) +
               "\nstep = " + std::to_string(std::max(1, workers / 2)) +
               "\nmax = " + std::to_string(workers * 4) + "\n";
    }
    return "name = \"refine\"\n[engine]\nthreads = 1\n"
           "[[services]]\nname = \"sample\"\n"
           "command = [\"faultline-sample\", \"--port\", \"" +
           p + "\", \"--workers\", \"" + std::to_string(workers) + "\", \"--service-time\", \"" +
           std::to_string(service_ms) +
           "ms\"]\n"
           "ready = { tcp = \"127.0.0.1:" +
           p +
           "\", timeout = \"5s\" }\n"
           "[[workloads]]\nname = \"items\"\nhttp = { url = \"http://127.0.0.1:" +
           p +
           "/items/{rand:1..100}\" }\ncheck = { status = 200 }\n"
           "[ramp]\n" +
           ramp +
           "step_duration = \"2s\"\nwarmup = \"500ms\"\nrefine = true\nrefine_tolerance = \"5%\"\n"
           "[breaking_point]\nerror_rate = \"1%\"\nknee = \"5%\"\np99 = \"" +
           std::to_string(service_ms * 20) + "ms\"\n";
}

}  // namespace

TEST_CASE("refinement pins the capacity of the sample service to within 10 % of N / D",
          "[.integration][run][refine]") {
    struct shape {
        int workers, service_ms;
        bool open;
    };
    // Each capacity once, and one of them in both models (CI time: bench/ covers the rest).
    auto [workers, service_ms, open] =
        GENERATE(shape{4, 5, false}, shape{4, 5, true}, shape{8, 2, false}, shape{2, 10, true});
    const double capacity = workers * 1000.0 / service_ms;
    INFO("N " << workers << " D " << service_ms << "ms, " << (open ? "open" : "closed"));
    faultline::test::temp_dir dir;
    const auto port = faultline::test::free_port();
    const auto run =
        run_expecting_success(dir, refine_scenario(port, workers, service_ms, open), 120s);
    INFO(run.output);
    const auto& summary = run.summary;
    const auto& refined = summary["breaking_point"]["refined"];
    REQUIRE(refined.is_object());
    const double throughput = refined["capacity"]["throughput_rps"];
    CHECK(throughput == Approx(capacity).epsilon(0.10));
    bool any_probe = false;
    for (const auto& step : summary["steps"])
        any_probe = any_probe || step["probe"].get<bool>();
    CHECK((any_probe || refined["probes"].get<unsigned>() == 0));
    check_accounting(summary["totals"]);
}

TEST_CASE(
    "a step the generator cannot drive is marked and never called the target's breaking point",
    "[.integration][run][generator_bound]") {
    faultline::test::nginx_server nginx;  // far faster than one engine thread asked for 200k/s
    faultline::test::temp_dir dir;
    const std::string text =
        "name = \"saturated\"\n[engine]\nthreads = 1\n"
        "[[workloads]]\nname = \"nginx\"\nhttp = { url = \"http://127.0.0.1:" +
        std::to_string(nginx.port()) +
        "/\" }\n"
        "[ramp]\nmodel = \"open\"\nstart = \"200000/s\"\nstep = \"1/s\"\nmax = \"200000/s\"\n"
        "max_connections = 64\nstep_duration = \"2s\"\nwarmup = \"500ms\"\n"
        "[breaking_point]\nerror_rate = \"1%\"\nmin_attainment = \"95%\"\n";
    const auto run = run_expecting_success(dir, text, 60s);
    INFO(run.output);
    const auto& summary = run.summary;
    REQUIRE(summary["steps"].size() == 1);
    const auto& step = summary["steps"][0];
    CHECK(step["generator_bound"] == true);
    const auto limit = step["generator_limit"].get<std::string>();
    CHECK((limit == "cpu" || limit == "schedule"));
    CHECK(step["throughput_rps"].get<double>() < 200000 * 0.95);
    CHECK(summary["breaking_point"]["found"] == false);
    CHECK(summary["breaking_point"]["generator_bound"] == true);
    bool says_what_to_change = false;
    for (const auto& reason : summary["reasons"])
        says_what_to_change =
            says_what_to_change || reason.get<std::string>().find("threads") != std::string::npos;
    CHECK(says_what_to_change);
    check_accounting(summary["totals"]);
}

TEST_CASE("a target that breaks late in a step trips that step, undiluted by its good start",
          "[.integration][run][windows]") {
    // Think time fixes the request rate, so the failing 1.5 s are about 17 % of the judged 9 s:
    // judged as a whole the step would pass error_rate 30 %; judged on 1 s windows it trips.
    faultline::test::temp_dir dir;
    const std::string text =
        sample_with_items("late", faultline::test::free_port(),
                          ", \"--workers\", \"4\", \"--service-time\", \"1ms\", \"--fail-after\", "
                          "\"8500ms\"",
                          "think_time = \"10ms\"\n") +
        "[ramp]\nstart = 4\nstep = 4\nmax = 4\nstep_duration = \"10s\"\nwarmup = \"1s\"\n"
        "[breaking_point]\nerror_rate = \"30%\"\n";
    const auto run = run_expecting_success(dir, text, 60s);
    INFO(run.output);
    const auto& summary = run.summary;
    REQUIRE(summary["steps"].size() == 1);
    const auto& step = summary["steps"][0];
    CHECK(step["passed"] == false);
    CHECK(step["error_rate"].get<double>() < 0.30);  // what a whole-step judge would have seen
    REQUIRE(step["tripped"].size() == 1);
    const auto& trip = step["tripped"][0];
    CHECK(trip["criterion"] == "error_rate");
    CHECK(trip["value"].get<double>() > 0.30);
    CHECK(trip["limit"].get<double>() == Approx(0.30));
    // The failing windows begin shortly before the failure (8.5 s after the service started).
    CHECK(trip["at_s"].get<double>() > 6.5);
    CHECK(trip["at_s"].get<double>() < 9.0);
    CHECK(summary["breaking_point"]["found"] == true);
    CHECK(summary["breaking_point"]["criterion"] == "error_rate");
    check_accounting(summary["totals"]);
}

TEST_CASE("open model against a rate limit R: the breaking point by error rate is within 5 % of R",
          "[.integration][run][rate_limit]") {
    // Above R every arrival beyond R/s gets 503, so the error rate passes 1 % at 1.01 R.
    constexpr double rate = 1000;
    faultline::test::temp_dir dir;
    const std::string text =
        sample_with_items(
            "limited", faultline::test::free_port(),
            ", \"--workers\", \"8\", \"--service-time\", \"100us\", \"--rate-limit\", "
            "\"1000\"") +
        "[ramp]\nmodel = \"open\"\nstart = \"500/s\"\nfactor = 1.5\nmax = \"3000/s\"\n"
        "step_duration = \"2s\"\nwarmup = \"500ms\"\nrefine = true\nrefine_tolerance = \"2%\"\n"
        "[breaking_point]\nerror_rate = \"1%\"\n";
    const auto run = run_expecting_success(dir, text, 120s);
    INFO(run.output);
    const auto& bp = run.summary["breaking_point"];
    CHECK(bp["found"] == true);
    CHECK(bp["criterion"] == "error_rate");
    const auto& refined = bp["refined"];
    REQUIRE(refined.is_object());
    CHECK(refined["capacity"]["level"].get<double>() == Approx(rate).epsilon(0.05));
    CHECK(refined["level"].get<double>() == Approx(rate).epsilon(0.05));
    CHECK(refined["capacity"]["throughput_rps"].get<double>() == Approx(rate).epsilon(0.05));
    check_accounting(run.summary["totals"]);
}

TEST_CASE("a run mixes Redis and HTTP workloads against servers it owns",
          "[.integration][run][redis]") {
    faultline::test::temp_dir dir;
    const auto redis_port = std::to_string(faultline::test::free_port());
    const auto http_port = std::to_string(faultline::test::free_port());
    const std::string text =
        "name = \"mix\"\n"
        "[[services]]\nname = \"cache\"\n"
        "command = [\"redis-server\", \"--port\", \"" +
        redis_port +
        "\", \"--bind\", \"127.0.0.1\", \"--save\", \"\", \"--appendonly\", \"no\"]\n"
        "ready = { tcp = \"127.0.0.1:" +
        redis_port +
        "\", timeout = \"5s\" }\n"
        "[[services]]\nname = \"sample\"\n"
        "command = [\"faultline-sample\", \"--port\", \"" +
        http_port +
        "\"]\n"
        "ready = { tcp = \"127.0.0.1:" +
        http_port +
        "\", timeout = \"5s\" }\n"
        "[[workloads]]\nname = \"set\"\n"
        "redis = { address = \"127.0.0.1:" +
        redis_port +
        "\", command = [\"SET\", \"item:{rand:1..100}\", \"{uuid}\"] }\n"
        "[[workloads]]\nname = \"wrong\"\nweight = 0.1\n"
        "redis = { address = \"127.0.0.1:" +
        redis_port +
        "\", command = [\"NOSUCH\"] }\n"
        "[[workloads]]\nname = \"static\"\n"
        "http = { url = \"http://127.0.0.1:" +
        http_port +
        "/static\" }\n"
        "[ramp]\nstart = 4\nstep = 4\nmax = 4\nstep_duration = \"2s\"\nwarmup = \"500ms\"\n"
        "[breaking_point]\nerror_rate = \"50%\"\n";
    const auto run = run_expecting_success(dir, text, 60s);
    INFO(run.output);
    const auto& totals = run.summary["totals"];
    check_accounting(totals);
    CHECK(totals["ok"].get<double>() > 1000);
    // The unknown command is answered with an error reply: check_failed, about 0.1 / 2.1 of all.
    const double failed = totals["errors"]["check_failed"].get<double>();
    const double sent = totals["sent"].get<double>();
    CHECK(failed > 0);
    CHECK(failed / sent == Approx(0.1 / 2.1).margin(0.02));
    for (const auto& [kind, n] : totals["errors"].items()) {
        INFO(kind);
        if (kind != "check_failed")
            CHECK(n.get<std::uint64_t>() == 0);
    }
}

TEST_CASE("a failing threshold fails the run (exit 1, a failed junit case); a holding one passes",
          "[.integration][run][thresholds]") {
    faultline::test::temp_dir dir;
    const auto port = faultline::test::free_port();
    const auto scenario = sample_scenario(port, "2") +
                          "[[thresholds]]\nexpr = \"error_rate < 1%\"\n"
                          "[[thresholds]]\nexpr = \"p50 < 1us\"\nworkload = \"items\"\n"
                          "over = \"step\"\n";
    const auto run = run_scenario(dir, scenario, 60s, {}, 1);
    const auto& thresholds = run.summary["thresholds"];
    REQUIRE(thresholds.size() == 2);
    CHECK(thresholds[0]["passed"] == true);
    CHECK(thresholds[0]["value"].get<double>() < 0.01);
    CHECK(thresholds[1]["passed"] == false);
    CHECK(thresholds[1]["step"].is_number());           // the worst step
    CHECK(thresholds[1]["value"].get<double>() > 4.0);  // ms: the service takes 5 ms
    CHECK(run.summary["verdict"] == "fail");
    CHECK_THAT(run.summary["reasons"][0].get<std::string>(),
               Catch::Contains("threshold failed: p50 < 1us (items): p50 = "));
    check_accounting(run.summary["totals"]);

    const auto results = dir.path() / "results";
    std::ifstream in(results / "junit.xml");
    std::stringstream junit;
    junit << in.rdbuf();
    CHECK_THAT(junit.str(), Catch::Contains("name=\"error_rate &lt; 1% over run\" time=\"0\">\n"
                                            "      <system-out>"));
    CHECK_THAT(junit.str(), Catch::Contains("name=\"p50 &lt; 1us [items] over step\" time=\"0\">\n"
                                            "      <failure message=\"threshold failed"));
    const auto lint = run_process(
        "/usr/bin/xmllint",
        {"--noout", "--schema", std::string(FAULTLINE_SOURCE_DIR) + "/tests/schemas/junit.xsd",
         (results / "junit.xml").string()},
        30s);
    INFO(lint.output);
    CHECK(lint.exit_code == 0);
    CHECK(std::filesystem::file_size(results / "histograms.hlog") > 200);

    // `faultline report` renders the same junit.xml again from summary.json.
    std::filesystem::remove(results / "junit.xml");
    const auto again = run_process(faultline_bin(), {"report", results.string()}, 30s);
    CHECK(again.exit_code == 0);
    std::ifstream rerendered(results / "junit.xml");
    std::stringstream second;
    second << rerendered.rdbuf();
    CHECK(second.str() == junit.str());
    CHECK(run_process(faultline_bin(), {"report", (dir.path() / "nowhere").string()}, 30s)
              .exit_code == 2);
}
