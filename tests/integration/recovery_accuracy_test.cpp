// A known recovery time: the sample service with its circuit breaker on heals exactly T (the
// breaker's half-open time) after its database comes back. faultline must measure T.
#include <catch2/catch.hpp>

#include <faultline/test/data_servers.hpp>

#include "faultline_run.hpp"

using namespace std::chrono_literals;
using namespace faultline::test::runs;

namespace {

// The sample service (real store, breaker on with half-open time `half_open`) behind nothing;
// its PostgreSQL behind the proxy "db", which refuses connections for 4 s from 8 s.
std::string breaker_drill(std::uint16_t pg, std::uint16_t redis, std::uint16_t db_proxy,
                          std::uint16_t sample, const std::string& half_open) {
    const auto p = std::to_string(db_proxy);
    const auto s = std::to_string(sample);
    return "name = \"breaker-recovery\"\n"
           "[[proxies]]\nname = \"db\"\nlisten = \"127.0.0.1:" +
           p +
           "\"\n"
           "upstream = \"127.0.0.1:" +
           std::to_string(pg) +
           "\"\n"
           "[[services]]\nname = \"sample\"\n"
           "command = [\"faultline-sample\", \"--port\", \"" +
           s +
           "\", \"--store\", \"real\", "
           "\"--pg\", \"host=127.0.0.1 port=" +
           p +
           " user=postgres dbname=postgres\", "
           "\"--redis\", \"127.0.0.1:" +
           std::to_string(redis) +
           "\", \"--dep-timeout\", "
           "\"500ms\", \"--breaker\", \"on\", \"--breaker-half-open\", \"" +
           half_open +
           "\", "
           "\"--bulkhead\", \"on\"]\n"
           "ready = { tcp = \"127.0.0.1:" +
           s +
           "\", timeout = \"10s\" }\n"
           "[[workloads]]\nname = \"orders\"\ndepends_on = [\"db\"]\n"
           "http = { method = \"POST\", url = \"http://127.0.0.1:" +
           s +
           "/orders\", "
           "body = '{\"item\": {rand:1..1000}, \"qty\": 1}', timeout = \"2s\" }\n"
           "check = { status = 201 }\n"
           "[ramp]\nshape = \"stages\"\nmodel = \"open\"\nstart = \"200/s\"\nwarmup = \"1s\"\n"
           "stages = [{ target = \"200/s\", duration = \"22s\" }]\n"
           "[slo]\nerror_rate = \"1%\"\nwindow = \"1s\"\nstable_for = \"3s\"\n"
           "[[faults]]\nat = \"8s\"\nduration = \"4s\"\nproxy = \"db\"\noutage = \"refuse\"\n";
}

}  // namespace

TEST_CASE("the measured time to recover is the breaker's half-open time, within 250 ms",
          "[.integration][drill][recovery]") {
    const auto half_open = GENERATE(2000);  // more values: bench/recovery_accuracy.sh
    faultline::test::postgres_server pg;
    faultline::test::redis_server redis;
    faultline::test::temp_dir dir;
    auto run =
        run_scenario(dir,
                     breaker_drill(pg.port(), redis.port(), faultline::test::free_port(),
                                   faultline::test::free_port(), std::to_string(half_open) + "ms"),
                     90s);
    INFO(run.output);
    const auto& s = run.summary;
    check_accounting(s["totals"]);
    CHECK(s["verdict"] == "pass");
    REQUIRE(s["faults"].size() == 1);
    const auto& orders = s["faults"][0]["workloads"]["orders"];
    REQUIRE(orders["recovered"] == true);
    const double measured = orders["time_to_recover_s"].get<double>();
    INFO("half-open " << half_open << " ms, measured " << measured << " s");
    CHECK(measured == Approx(half_open / 1000.0).margin(0.25));
    // While the breaker was open the service answered at once: 503s, not timeouts.
    CHECK(s["workloads"]["orders"]["errors"]["http_5xx"].get<int>() > 500);
    CHECK(s["workloads"]["orders"]["errors"]["timeout"] == 0);
}
