// Faults on a standalone `faultline proxy` (another process): leased toxics that the run removes
// when it stops, and that the proxy removes itself when the run is killed.
#include <csignal>
#include <thread>

#include <boost/process.hpp>
#include <catch2/catch.hpp>

#include <faultline/proxy_api/api_client.hpp>
#include <faultline/test/echo_server.hpp>

#include "faultline_run.hpp"

namespace bp = boost::process;
using namespace std::chrono_literals;
using faultline::test::run_process;
using faultline::test::signal_on_output;
using namespace faultline::test::runs;

namespace {

// `faultline proxy` on a free API port with one proxy "dep" in front of `upstream`.
class standalone_proxy {
public:
    explicit standalone_proxy(std::uint16_t upstream)
        : api_port_(faultline::test::free_port()),
          listen_port_(faultline::test::free_port()),
          child_(faultline_bin(),
                 bp::args({"proxy", "--api", "127.0.0.1:" + std::to_string(api_port_)}),
                 bp::std_out > bp::null, bp::std_err > bp::null, bp::std_in < bp::null) {
        REQUIRE(faultline::test::wait_for([&] { return port_accepts(api_port_); }, 5000ms));
        auto created = client().post(
            "/proxies",
            "{\"name\": \"dep\", \"listen\": \"127.0.0.1:" + std::to_string(listen_port_) +
                "\", \"upstream\": \"127.0.0.1:" + std::to_string(upstream) + "\"}");
        REQUIRE(created);
        REQUIRE(created->status == 201);
    }
    ~standalone_proxy() {
        std::error_code ec;
        ::kill(child_.id(), SIGKILL);
        child_.wait(ec);
    }
    standalone_proxy(const standalone_proxy&) = delete;
    standalone_proxy& operator=(const standalone_proxy&) = delete;

    faultline::proxy_api::api_client client() const {
        return faultline::proxy_api::api_client("127.0.0.1:" + std::to_string(api_port_));
    }
    std::uint16_t api_port() const { return api_port_; }
    std::uint16_t listen_port() const { return listen_port_; }
    // The number of toxics on "dep" now.
    std::size_t toxics() const {
        auto answer = client().get("/proxies/dep/toxics");
        REQUIRE(answer);
        return nlohmann::json::parse(answer->body).size();
    }

private:
    std::uint16_t api_port_;
    std::uint16_t listen_port_;
    bp::child child_;
};

// A TCP workload (through the proxy) is not available: use the Redis driver's PING against an
// echo server? Simpler: HTTP through the proxy to the sample service.
std::string scenario(const standalone_proxy& proxy, std::uint16_t sample, const char* lease) {
    const auto s = std::to_string(sample);
    return "name = \"standalone\"\n"
           "[[proxies]]\nname = \"dep\"\napi = \"127.0.0.1:" +
           std::to_string(proxy.api_port()) +
           "\"\n"
           "[[services]]\nname = \"sample\"\n"
           "command = [\"faultline-sample\", \"--port\", \"" +
           s +
           "\"]\n"
           "ready = { tcp = \"127.0.0.1:" +
           s +
           "\", timeout = \"5s\" }\n"
           "[[workloads]]\nname = \"via\"\ndepends_on = [\"dep\"]\n"
           "http = { url = \"http://127.0.0.1:" +
           std::to_string(proxy.listen_port()) +
           "/static\", timeout = \"1s\" }\n"
           "[ramp]\nshape = \"stages\"\nmodel = \"open\"\nstart = \"100/s\"\nwarmup = \"1s\"\n"
           "stages = [{ target = \"100/s\", duration = \"20s\" }]\n"
           "[slo]\nerror_rate = \"1%\"\nstable_for = \"2s\"\n"
           "[[faults]]\nname = \"hang\"\nat = \"3s\"\nduration = \"14s\"\nproxy = \"dep\"\n"
           "outage = \"blackhole\"\nlease = \"" +
           lease + "\"\n";
}

}  // namespace

TEST_CASE("leased toxics on a standalone proxy: removed at Ctrl-C, expired after SIGKILL",
          "[.integration][drill][standalone]") {
    const auto sample = faultline::test::free_port();
    standalone_proxy proxy(sample);
    faultline::test::temp_dir dir;
    const auto path = write_file(dir, "s.toml", scenario(proxy, sample, "1500ms"));

    SECTION("SIGINT: the run takes its toxics off at once") {
        auto r = run_process(faultline_bin(), {"run", path, "--results", dir.path().string()}, 60s,
                             signal_on_output{"fault hang: blackhole on dep in place", SIGINT});
        INFO(r.output);
        CHECK(r.exit_code == 130);
        CHECK(proxy.toxics() == 0);
    }
    SECTION("SIGKILL: the proxy drops them when their lease runs out") {
        std::thread watcher;
        auto r = run_process(faultline_bin(), {"run", path, "--results", dir.path().string()}, 60s,
                             signal_on_output{"fault hang: blackhole on dep in place", SIGKILL});
        INFO(r.output);
        CHECK(r.exit_code == 128 + SIGKILL);
        const auto killed = std::chrono::steady_clock::now();
        CHECK(proxy.toxics() == 2);  // both directions, still leased
        CHECK(faultline::test::wait_for([&] { return proxy.toxics() == 0; }, 3000ms));
        CHECK(std::chrono::steady_clock::now() - killed < 2500ms);
    }
}

TEST_CASE("a drill through a standalone proxy measures its fault",
          "[.integration][drill][standalone]") {
    const auto sample = faultline::test::free_port();
    standalone_proxy proxy(sample);
    faultline::test::temp_dir dir;
    // The lease (600 ms) is far shorter than the fault (14 s): only renewals keep it on.
    auto run = run_scenario(dir, scenario(proxy, sample, "600ms"), 60s);
    INFO(run.output);
    const auto& s = run.summary;
    check_accounting(s["totals"]);
    REQUIRE(s["faults"].size() == 1);
    const auto& f = s["faults"][0];
    CHECK(f["took_effect"] == true);
    CHECK(f["end_s"].get<double>() == Approx(17.0).margin(0.3));
    const auto& via = f["workloads"]["via"];
    CHECK(via["affected"] == true);
    // Hung the whole time: the outage lasts the fault's 14 s, not one lease.
    CHECK(via["outage_s"].get<double>() > 13.0);
    CHECK(via["recovered"] == true);
    CHECK(proxy.toxics() == 0);
}
