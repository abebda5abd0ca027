// `faultline list`, `faultline check` and `--time-scale`, as a user runs them.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <faultline/scenario/loader.hpp>
#include <faultline/test/loopback_server.hpp>
#include <faultline/test/support.hpp>

#include "faultline_run.hpp"
#include "process_runner.hpp"

using namespace std::chrono_literals;
using faultline::test::run_process;
using namespace faultline::test::runs;

namespace {

// The line of `output` that starts with `start`, or empty.
std::string line_starting(const std::string& output, const std::string& start) {
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with(start))
            return line;
    }
    return {};
}

// The first line of the file's leading comment, "# " stripped.
std::string first_comment_line(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    return line.starts_with("# ") ? line.substr(2) : std::string{};
}

// A scenario with `head` (services, proxies) and one workload per URL of `urls`, w0, w1, ...
std::string targets_scenario(const std::vector<std::string>& urls, const std::string& head = "") {
    std::string text = "name = \"check\"\n" + head;
    for (std::size_t i = 0; i < urls.size(); ++i)
        text += "[[workloads]]\nname = \"w" + std::to_string(i) + "\"\nhttp = { url = \"" +
                urls[i] + "\" }\n";
    return text + "[ramp]\nstart = 1\nstep = 1\nmax = 2\n[breaking_point]\nerror_rate = \"1%\"\n";
}

// `faultline ARGS...`, which must end within 20 s.
faultline::test::process_result faultline_with(const std::vector<std::string>& args) {
    auto r = run_process(faultline_bin(), args, 20s);
    CHECK_FALSE(r.timed_out);
    return r;
}

// `faultline check` on the scenario `text`, written to `name` in `dir`.
faultline::test::process_result check(const faultline::test::temp_dir& dir, const std::string& name,
                                      const std::string& text) {
    return faultline_with({"check", write_file(dir, name, text)});
}

std::string url(std::uint16_t port) {
    return "http://127.0.0.1:" + std::to_string(port) + "/";
}

std::string address(std::uint16_t port) {
    return "127.0.0.1:" + std::to_string(port);
}

}  // namespace

TEST_CASE("faultline list shows every shipped scenario with its description",
          "[.integration][commands]") {
    const std::filesystem::path folder = FAULTLINE_SOURCE_DIR "/scenarios";
    auto r = faultline_with({"list", folder.string()});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.output, !Catch::Contains("invalid:"));
    std::size_t listed = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() != ".toml")
            continue;
        ++listed;
        const auto file = entry.path().filename().string();
        const auto line = line_starting(r.output, file + " ");
        INFO(file);
        REQUIRE_FALSE(line.empty());
        auto loaded = faultline::scenario::load_scenario_file(entry.path().string());
        REQUIRE(loaded.has_value());
        CHECK_THAT(line, Catch::Contains(" " + loaded->name + " "));
        const auto about = first_comment_line(entry.path()).substr(0, 30);
        REQUIRE_FALSE(about.empty());
        CHECK_THAT(line, Catch::Contains(about));
    }
    CHECK(listed >= 5);
    CHECK_THAT(r.output, !Catch::Contains("examples/"));  // not recursive by default
    auto recursive = faultline_with({"list", "-r", folder.string()});
    CHECK(recursive.exit_code == 0);
    CHECK_THAT(recursive.output, Catch::Contains("examples/minimal.toml"));
}

TEST_CASE("faultline list marks a file that does not load and refuses a missing folder",
          "[.integration][commands]") {
    faultline::test::temp_dir dir;
    write_file(dir, "good.toml",
               "# A good one. More text.\n# Second line.\n" + targets_scenario({url(18080)}));
    write_file(dir, "bad.toml", "# A broken one.\nname = \"bad\"\n[ramp]\nstart = \"x\"\n");
    auto r = faultline_with({"list", dir.path().string()});
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK_THAT(line_starting(r.output, "good.toml"),
               Catch::Contains(" check ") && Catch::EndsWith("A good one."));
    CHECK_THAT(line_starting(r.output, "bad.toml"),
               Catch::Contains("invalid: ") && Catch::Contains("bad.toml:"));

    auto missing = faultline_with({"list", (dir.path() / "none").string()});
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.output, Catch::Contains("no such folder"));
    std::filesystem::create_directory(dir.path() / "empty");
    auto empty = faultline_with({"list", (dir.path() / "empty").string()});
    CHECK(empty.exit_code == 2);
    CHECK_THAT(empty.output, Catch::Contains("no scenarios"));
}

TEST_CASE("faultline check: a listening target is OK, a closed port UNREACHABLE",
          "[.integration][commands]") {
    faultline::test::temp_dir dir;
    faultline::test::loopback_server server(faultline::test::behaviour::answer_ok);
    const auto closed = faultline::test::free_port();

    auto ok = check(dir, "ok.toml", targets_scenario({url(server.port())}));
    INFO(ok.output);
    CHECK(ok.exit_code == 0);
    CHECK_THAT(line_starting(ok.output, address(server.port())),
               Catch::Contains("workload w0") && Catch::EndsWith("OK"));
    CHECK(server.accepted() >= 1);

    auto bad = check(dir, "bad.toml", targets_scenario({url(server.port()), url(closed)}));
    INFO(bad.output);
    CHECK(bad.exit_code == 1);
    CHECK_THAT(line_starting(bad.output, address(server.port())), Catch::EndsWith("OK"));
    CHECK_THAT(line_starting(bad.output, address(closed)), Catch::Contains("workload w1") &&
                                                               Catch::Contains("UNREACHABLE (") &&
                                                               Catch::Contains("refused"));

    auto unloadable = check(dir, "x.toml", "name = 1\n");
    CHECK(unloadable.exit_code == 2);
    CHECK_THAT(unloadable.output, Catch::Contains("x.toml:1:8: name"));
}

TEST_CASE("faultline check: what the run starts must be free, and is STARTED BY THE RUN",
          "[.integration][commands]") {
    faultline::test::temp_dir dir;
    faultline::test::loopback_server taken(faultline::test::behaviour::answer_ok);
    const auto service = faultline::test::free_port();
    const auto proxy = faultline::test::free_port();
    const auto owned = [&](std::uint16_t proxy_port) {
        return "[[services]]\nname = \"svc\"\ncommand = [\"faultline-sample\"]\n"
               "ready = { tcp = \"" +
               address(service) + "\" }\n[[proxies]]\nname = \"front\"\nlisten = \"" +
               address(proxy_port) + "\"\nupstream = \"" + address(service) + "\"\n";
    };

    auto ready =
        check(dir, "owned.toml", targets_scenario({url(service), url(proxy)}, owned(proxy)));
    INFO(ready.output);
    CHECK(ready.exit_code == 0);
    CHECK_THAT(line_starting(ready.output, address(service)),
               Catch::Contains("service svc (ready)") &&
                   Catch::Contains("proxy front (upstream)") && Catch::Contains("workload w0") &&
                   Catch::EndsWith("STARTED BY THE RUN"));
    CHECK_THAT(line_starting(ready.output, address(proxy)),
               Catch::Contains("proxy front (listen)") && Catch::Contains("workload w1") &&
                   Catch::EndsWith("STARTED BY THE RUN"));

    auto in_use = check(dir, "taken.toml", targets_scenario({url(service)}, owned(taken.port())));
    INFO(in_use.output);
    CHECK(in_use.exit_code == 1);
    CHECK_THAT(line_starting(in_use.output, address(taken.port())),
               Catch::Contains("proxy front (listen)") && Catch::Contains("PORT IN USE"));
    CHECK_THAT(line_starting(in_use.output, address(service)),
               Catch::EndsWith("STARTED BY THE RUN"));
}

TEST_CASE("faultline run --time-scale 0.1 runs the quickstart ten times shorter",
          "[.integration][commands]") {
    faultline::test::temp_dir dir;
    const auto p = std::to_string(faultline::test::free_port());
    const auto base = "http://127.0.0.1:" + p;
    const std::string quickstart = FAULTLINE_SOURCE_DIR "/scenarios/quickstart.toml";
    // Step 3 s and warm-up 1 s become 300 ms and 100 ms; two steps (levels 2 and 4).
    auto run = run_file(dir, quickstart, 30s,
                        {"--time-scale", "0.1", "--set", "ramp.max=4", "--set",
                         "services.0.command=[\"faultline-sample\", \"--port\", \"" + p +
                             "\", \"--workers\", \"8\", \"--service-time\", \"2ms\"]",
                         "--set", "services.0.ready.tcp=127.0.0.1:" + p, "--set",
                         "workloads.0.http.url=" + base + "/items/{rand:1..10000}", "--set",
                         "workloads.1.http.url=" + base + "/static"});
    CHECK_THAT(run.output, Catch::Contains("time scale 0.1: durations of the plan, faults and "
                                           "recovery are ×0.1"));
    CHECK(run.summary["duration_s"].get<double>() < 5);
    const auto& steps = run.summary["steps"];
    REQUIRE(steps.size() == 2);
    for (const auto& step : steps) {
        const double length = step["end_s"].get<double>() - step["start_s"].get<double>();
        CHECK(length == Approx(0.3).margin(0.05));
    }

    auto validate = faultline_with({"validate", quickstart, "--time-scale", "0.1"});
    CHECK(validate.exit_code == 0);
    CHECK_THAT(validate.output, Catch::Contains("time scale 0.1"));
    auto zero = faultline_with({"validate", quickstart, "--time-scale", "0"});
    CHECK(zero.exit_code == 2);
}
