// `faultline run --metrics`: the live endpoint during a real run, checked by Prometheus' own
// promtool, with a fault shown while it is in place.
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>

#include <faultline/test/blocking_client.hpp>
#include <faultline/test/support.hpp>

#include "faultline_run.hpp"
#include "process_runner.hpp"

using namespace std::chrono_literals;
using faultline::test::run_process;
using namespace faultline::test::runs;

namespace {

// GET /metrics; empty when nothing answers (the run has not started serving, or has ended).
std::string scrape(std::uint16_t port) {
    if (!port_accepts(port))
        return {};
    faultline::test::blocking_client client(port, 1000ms);
    if (!client.send_all("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 1000ms))
        return {};
    std::string all;
    client.read_until_closed(all, 3000ms);
    const auto split = all.find("\r\n\r\n");
    return split == std::string::npos ? std::string{} : all.substr(split + 4);
}

}  // namespace

TEST_CASE("the live metrics endpoint passes promtool and shows a fault while it is in place",
          "[.integration][live]") {
    faultline::test::temp_dir dir;
    const auto service = faultline::test::free_port();
    const auto front = faultline::test::free_port();
    const auto metrics = faultline::test::free_port();
    const auto s = std::to_string(service);
    const auto f = std::to_string(front);
    const std::string scenario =
        "name = \"live\"\n"
        "[[services]]\nname = \"sample\"\n"
        "command = [\"faultline-sample\", \"--port\", \"" +
        s +
        "\", \"--workers\", \"4\", "
        "\"--service-time\", \"1ms\"]\n"
        "ready = { tcp = \"127.0.0.1:" +
        s +
        "\", timeout = \"5s\" }\n"
        "[[proxies]]\nname = \"front\"\nlisten = \"127.0.0.1:" +
        f +
        "\"\n"
        "upstream = \"127.0.0.1:" +
        s +
        "\"\n"
        "[[workloads]]\nname = \"items\"\ndepends_on = [\"front\"]\n"
        "http = { url = \"http://127.0.0.1:" +
        f +
        "/items/{rand:1..100}\" }\n"
        "check = { status = 200 }\n"
        "[ramp]\nstart = 2\nstep = 1\nmax = 2\nstep_duration = \"6s\"\nwarmup = \"500ms\"\n"
        "[breaking_point]\nerror_rate = \"50%\"\n"
        "[slo]\nstable_for = \"500ms\"\n"
        "[[faults]]\nat = \"2s\"\nduration = \"2s\"\nproxy = \"front\"\n"
        "toxic = { type = \"latency\", latency = \"1ms\" }\n";
    const auto path = write_file(dir, "live.toml", scenario);
    faultline::test::process_result run;
    std::thread runner([&] {
        run = run_process(faultline_bin(),
                          {"run", path, "--results", (dir.path() / "results").string(),
                           "--no-progress", "--metrics", "127.0.0.1:" + std::to_string(metrics)},
                          60s);
    });
    std::string during_fault;
    std::string any;
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (std::chrono::steady_clock::now() < deadline && during_fault.empty()) {
        const auto body = scrape(metrics);
        if (body.find("faultline_requests_total{workload=\"items\",outcome=\"ok\"}") !=
            std::string::npos)
            any = body;
        if (body.find("faultline_fault_active{fault=\"front-latency\"} 1") != std::string::npos)
            during_fault = body;
        std::this_thread::sleep_for(200ms);
    }
    runner.join();
    INFO(run.output);
    CHECK(run.exit_code == 0);
    REQUIRE_FALSE(any.empty());
    REQUIRE_FALSE(during_fault.empty());
    CHECK_THAT(during_fault, Catch::Contains("faultline_level 2\n"));
    CHECK_THAT(during_fault, Catch::Contains("faultline_run_info{scenario=\"live\""));
    // The run is over: nothing listens any more.
    CHECK(scrape(metrics).empty());

    const auto file = dir.path() / "scrape.txt";
    std::ofstream(file) << during_fault;
    const auto lint =
        run_process("/bin/sh", {"-c", "promtool check metrics < " + file.string()}, 30s);
    INFO(during_fault);
    INFO(lint.output);
    CHECK(lint.exit_code == 0);
    CHECK(lint.output.find("error") == std::string::npos);

    // A malformed or remote address is a usage error; a taken port cannot run.
    CHECK(
        run_process(faultline_bin(), {"run", path, "--metrics", "10.0.0.1:9464"}, 30s).exit_code ==
        2);
    CHECK(run_process(faultline_bin(), {"run", path, "--metrics", "nonsense"}, 30s).exit_code == 2);
}
