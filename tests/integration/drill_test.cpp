// Drills end to end: `faultline run` with [[faults]] against the sample service behind a proxy
// the run owns. Real sockets, real processes, real signals.
#include <csignal>
#include <fstream>
#include <regex>
#include <thread>

#include <catch2/catch.hpp>

#include "faultline_run.hpp"

using namespace std::chrono_literals;
using faultline::test::run_process;
using faultline::test::signal_on_output;
using namespace faultline::test::runs;

namespace {

// The sample service on `service`, a proxy "api" on `proxy` in front of it, an open-model load
// of 400/s for `seconds` split between "via-proxy" (through the proxy; depends on api and
// sample) and "direct" (straight to the service; depends on sample), then `faults`.
std::string drill(std::uint16_t service, std::uint16_t proxy, int seconds,
                  const std::string& faults, const std::string& direct_path = "/static") {
    const auto s = std::to_string(service);
    const auto p = std::to_string(proxy);
    return "name = \"drill\"\n"
           "[[proxies]]\nname = \"api\"\nlisten = \"127.0.0.1:" +
           p +
           "\"\n"
           "upstream = \"127.0.0.1:" +
           s +
           "\"\n"
           "[[services]]\nname = \"sample\"\n"
           "command = [\"faultline-sample\", \"--port\", \"" +
           s +
           "\", \"--workers\", \"8\", "
           "\"--service-time\", \"1ms\"]\n"
           "ready = { tcp = \"127.0.0.1:" +
           s +
           "\", timeout = \"5s\" }\n"
           "[[workloads]]\nname = \"via-proxy\"\n"
           "http = { url = \"http://127.0.0.1:" +
           p +
           "/items/{rand:1..100}\", timeout = \"1s\" }\n"
           "depends_on = [\"api\", \"sample\"]\n"
           "[[workloads]]\nname = \"direct\"\n"
           "http = { url = \"http://127.0.0.1:" +
           s + direct_path +
           "\", timeout = \"1s\" }\n"
           "depends_on = [\"sample\"]\n"
           "[ramp]\nshape = \"stages\"\nmodel = \"open\"\nstart = \"400/s\"\nwarmup = \"1s\"\n"
           "stages = [{ target = \"400/s\", duration = \"" +
           std::to_string(seconds) +
           "s\" }]\n"
           "[slo]\nerror_rate = \"1%\"\nwindow = \"1s\"\nstable_for = \"2s\"\n" +
           faults;
}

const std::string refuse_then_pause =
    "[[faults]]\nat = \"4s\"\nduration = \"2s\"\nproxy = \"api\"\noutage = \"refuse\"\n"
    "[[faults]]\nat = \"10s\"\nduration = \"2s\"\nservice = \"sample\"\nprocess = \"pause\"\n";

const nlohmann::json& fault_named(const nlohmann::json& summary, const std::string& name) {
    for (const auto& f : summary["faults"]) {
        if (f["name"] == name)
            return f;
    }
    FAIL("no fault " << name);
    throw std::logic_error("unreachable");
}

// The pid `faultline run` printed for service `name`.
int service_pid(const std::string& output, const std::string& name) {
    std::smatch m;
    const std::regex started("service '" + name + "' started \\(pid ([0-9]+)\\)");
    REQUIRE(std::regex_search(output, m, started));
    return std::stoi(m[1]);
}

// The state letter of process `pid` (R, S, T, Z, ...), or 0 when it is gone.
char process_state(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(in, text))
        return 0;
    const auto close = text.rfind(')');
    return close == std::string::npos || close + 2 >= text.size() ? 0 : text[close + 2];
}

// Waits up to `limit` for `pid` to be gone (or a zombie nobody reaps); false if it lingers.
bool gone_within(int pid, std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        const char state = process_state(pid);
        if (state == 0 || state == 'Z')
            return true;
        std::this_thread::sleep_for(50ms);
    }
    return false;
}

}  // namespace

TEST_CASE("a drill measures each fault: an outage through the proxy, a paused service",
          "[.integration][drill]") {
    faultline::test::temp_dir dir;
    const auto service = faultline::test::free_port();
    const auto proxy = faultline::test::free_port();
    auto run = run_scenario(dir, drill(service, proxy, 17, refuse_then_pause), 60s);
    INFO(run.output);
    const auto& s = run.summary;
    check_accounting(s["totals"]);
    CHECK(s["verdict"] == "pass");
    CHECK(s["cascade"]["detected"] == false);
    CHECK(s["totals"]["errors"]["connect_refused"].get<int>() > 100);

    const auto& outage = fault_named(s, "api-refuse");
    CHECK(outage["took_effect"] == true);
    CHECK(outage["touched"]["connections_cut"].get<int>() >= 1);
    CHECK(outage["start_s"].get<double>() == Approx(4.0).margin(0.15));
    CHECK(outage["end_s"].get<double>() == Approx(6.0).margin(0.15));
    const auto& via = outage["workloads"]["via-proxy"];
    CHECK(via["affected"] == true);
    CHECK(via["time_to_impact_s"].get<double>() < 0.3);
    CHECK(via["time_to_detect_s"].get<double>() <= 1.5);
    CHECK(via["recovered"] == true);
    CHECK(via["time_to_recover_s"].get<double>() < 0.5);  // nothing to heal behind a proxy
    CHECK(via["lost"].get<int>() > 100);
    // The other workload never used the proxy: untouched.
    CHECK(outage["workloads"]["direct"]["affected"] == false);
    CHECK(outage["workloads"]["direct"]["lost"] == 0);

    const auto& pause = fault_named(s, "sample-pause");
    CHECK(pause["took_effect"] == true);
    CHECK(pause["touched"]["processes_paused"] == 1);
    CHECK(pause["workloads"]["direct"]["affected"] == true);
    CHECK(pause["workloads"]["via-proxy"]["affected"] == true);
    CHECK(pause["overall"]["recovered"] == true);
    // A paused server answers nothing: 2 s of requests time out after 1 s.
    CHECK(s["totals"]["errors"]["timeout"].get<int>() > 100);
}

TEST_CASE("a workload that does not use the faulted dependency and fails is spillover",
          "[.integration][drill]") {
    faultline::test::temp_dir dir;
    const auto service = faultline::test::free_port();
    const auto proxy = faultline::test::free_port();
    // "direct" goes through the proxy too, but declares no dependency at all (not even the
    // sample service, which the proxy fronts and so would count as the same dependency).
    auto text = drill(service, proxy, 10,
                      "[[faults]]\nat = \"4s\"\nduration = \"2s\"\nproxy = \"api\"\n"
                      "outage = \"reset\"\n");
    text.replace(text.find("127.0.0.1:" + std::to_string(service) + "/static"),
                 std::string("127.0.0.1:" + std::to_string(service) + "/static").size(),
                 "127.0.0.1:" + std::to_string(proxy) + "/static");
    text.replace(text.rfind("depends_on = [\"sample\"]"), 23, "depends_on = []");
    auto run = run_scenario(dir, text, 60s, {}, 1);
    INFO(run.output);
    const auto& s = run.summary;
    check_accounting(s["totals"]);
    CHECK(s["verdict"] == "fail");
    REQUIRE(s["cascade"]["detected"] == true);
    REQUIRE(s["cascade"]["spillover"].size() == 1);
    CHECK(s["cascade"]["spillover"][0]["workload"] == "direct");
    CHECK(s["cascade"]["spillover"][0]["fault"] == "api-reset");
    CHECK(s["cascade"]["spillover"][0]["unhealthy_at_s"].get<double>() == Approx(4.0).margin(0.5));
    CHECK(fault_named(s, "api-reset")["touched"]["actions"].get<int>() > 0);
}

TEST_CASE("an unhealthy baseline makes the run invalid and injects nothing",
          "[.integration][drill]") {
    faultline::test::temp_dir dir;
    const auto service = faultline::test::free_port();
    const auto proxy = faultline::test::free_port();
    // /nope answers 404: every "direct" request fails from the start.
    auto run = run_scenario(dir,
                            drill(service, proxy, 6,
                                  "[[faults]]\nat = \"3s\"\nduration = \"1s\"\n"
                                  "proxy = \"api\"\noutage = \"refuse\"\n",
                                  "/nope"),
                            60s, {}, 1);
    const auto& s = run.summary;
    CHECK(s["verdict"] == "invalid");
    const auto& f = fault_named(s, "api-refuse");
    CHECK(f["start_s"].is_null());
    CHECK(f["took_effect"] == false);
    CHECK(s["totals"]["errors"]["connect_refused"] == 0);  // the proxy was never disabled
    CHECK_THAT(s["reasons"].dump(), Catch::Contains("no fault was injected"));
}

TEST_CASE("a fault that touches nothing makes the run invalid", "[.integration][drill]") {
    faultline::test::temp_dir dir;
    const auto service = faultline::test::free_port();
    const auto proxy = faultline::test::free_port();
    const auto idle = faultline::test::free_port();
    // A second proxy nobody uses: its outage cuts no connection.
    auto text = drill(service, proxy, 6,
                      "[[faults]]\nat = \"3s\"\nduration = \"1s\"\nproxy = \"idle\"\n"
                      "outage = \"refuse\"\n");
    text += "[[proxies]]\nname = \"idle\"\nlisten = \"127.0.0.1:" + std::to_string(idle) +
            "\"\nupstream = \"127.0.0.1:" + std::to_string(service) + "\"\n";
    auto run = run_scenario(dir, text, 60s, {}, 1);
    const auto& s = run.summary;
    CHECK(s["verdict"] == "invalid");
    CHECK_THAT(s["reasons"].dump(), Catch::Contains("fault idle-refuse never took effect"));
}

TEST_CASE("Ctrl-C during an outage and during a pause removes the fault and keeps the results",
          "[.integration][drill]") {
    auto [trigger, fault] = GENERATE(table<std::string, std::string>({
        {"fault api-refuse: refuse on api in place", "api-refuse"},
        {"fault sample-pause: pause on sample in place", "sample-pause"},
    }));
    faultline::test::temp_dir dir;
    const auto service = faultline::test::free_port();
    const auto proxy = faultline::test::free_port();
    auto scenario = write_file(dir, "s.toml", drill(service, proxy, 17, refuse_then_pause));
    auto results = dir.path() / "results";
    auto r = run_process(faultline_bin(), {"run", scenario, "--results", results.string()}, 60s,
                         signal_on_output{trigger, SIGINT});
    INFO(r.output);
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 130);
    const auto pid = service_pid(r.output, "sample");
    CHECK(gone_within(pid, 1s));
    CHECK_FALSE(port_accepts(proxy));
    CHECK_FALSE(port_accepts(service));
    auto summary = read_json(results / "summary.json");
    check_accounting(summary["totals"]);
    const auto& f = fault_named(summary, fault);
    CHECK(f["removed_at_run_end"] == true);
    CHECK_FALSE(f["end_s"].is_null());
}

TEST_CASE("SIGKILL of faultline during an outage or a pause leaves nothing behind",
          "[.integration][drill]") {
    const auto trigger = GENERATE(as<std::string>{}, "fault api-refuse: refuse on api in place",
                                  "fault sample-pause: pause on sample in place");
    faultline::test::temp_dir dir;
    const auto service = faultline::test::free_port();
    const auto proxy = faultline::test::free_port();
    auto scenario = write_file(dir, "s.toml", drill(service, proxy, 17, refuse_then_pause));
    auto r = run_process(faultline_bin(),
                         {"run", scenario, "--results", (dir.path() / "results").string()}, 60s,
                         signal_on_output{trigger, SIGKILL});
    INFO(r.output);
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 128 + SIGKILL);
    const auto pid = service_pid(r.output, "sample");
    // The guard resumes and stops the paused group (SIGKILL 2 s later if need be); the proxy
    // died with the run's process: its port is free again, nothing disabled is left.
    CHECK(gone_within(pid, 5s));
    CHECK(process_state(pid) != 'T');
    CHECK_FALSE(port_accepts(service));
    CHECK_FALSE(port_accepts(proxy));
}

TEST_CASE("bad faults exit 2 naming file, line and column", "[.integration][drill]") {
    faultline::test::temp_dir dir;
    auto text = drill(18001, 18002, 10,
                      "[[faults]]\nat = \"4s\"\nproxy = \"cache\"\noutage = \"refuse\"\n");
    auto path = write_file(dir, "bad.toml", text);
    auto r = run_process(faultline_bin(), {"run", path, "--results", dir.path().string()}, 20s);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("bad.toml:"));
    CHECK_THAT(r.output, Catch::Contains(":9: faults.0.proxy: unknown proxy 'cache'"));
}
