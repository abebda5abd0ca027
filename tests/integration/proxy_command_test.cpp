// `faultline proxy` as a user runs it: a real process with --api and --config, driven over HTTP,
// ended by SIGTERM; and Toxiproxy's own Node client against it.
#include <csignal>
#include <fstream>
#include <thread>

#include <boost/process.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include <faultline/core/asio.hpp>
#include <faultline/proxy_api/api_client.hpp>
#include <faultline/test/blocking_client.hpp>
#include <faultline/test/echo_server.hpp>
#include <faultline/test/support.hpp>

#include "process_runner.hpp"

namespace bp = boost::process;
using namespace faultline;
using namespace std::chrono_literals;
using json = nlohmann::json;

namespace {

std::string read_all(const std::filesystem::path& path) {
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// `faultline proxy ARGS...` in the background, its output in a temporary file.
class proxy_process {
public:
    explicit proxy_process(const std::vector<std::string>& args)
        : log_(dir_.path() / "output.txt"),
          child_(test::built_program("faultline"), bp::args(args),
                 (bp::std_out & bp::std_err) > log_.string(), bp::std_in < bp::null) {}

    ~proxy_process() {
        std::error_code ec;
        if (child_.running(ec)) {
            ::kill(child_.id(), SIGKILL);
            child_.wait(ec);
        }
    }
    proxy_process(const proxy_process&) = delete;
    proxy_process& operator=(const proxy_process&) = delete;

    /// The API URL the process printed on start, or "" when it did not within `timeout`.
    std::string wait_for_api(std::chrono::milliseconds timeout) {
        const std::string marker = "control API on http://";
        std::string url;
        test::wait_for(
            [&] {
                const std::string out = read_all(log_);
                const auto at = out.find(marker);
                const auto end = at == std::string::npos ? at : out.find('\n', at);
                if (end != std::string::npos)
                    url = out.substr(at + marker.size() - 7, end - at - marker.size() + 7);
                return !url.empty();
            },
            timeout);
        return url;
    }

    /// Sends `signal` and waits up to `timeout` for the exit; the exit code, or -1 on timeout.
    int stop(int signal, std::chrono::milliseconds timeout) {
        ::kill(child_.id(), signal);
        std::error_code ec;
        if (!test::wait_for([&] { return !child_.running(ec); }, timeout))
            return -1;
        child_.wait(ec);
        const int status = child_.native_exit_code();
        return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
    }

    std::string output() const { return read_all(log_); }

private:
    test::temp_dir dir_;
    std::filesystem::path log_;
    bp::child child_;
};

// True when nothing listens on 127.0.0.1:port any more.
bool port_is_free(std::uint16_t port) {
    asio::io_context ioc;
    tcp::acceptor acceptor(ioc);
    error_code ec;
    acceptor.open(tcp::v4(), ec);
    acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    acceptor.bind({asio::ip::make_address("127.0.0.1"), port}, ec);
    return !ec;
}

std::string write_file(const test::temp_dir& dir, const std::string& name,
                       const std::string& text) {
    const auto path = (dir.path() / name).string();
    std::ofstream(path) << text;
    return path;
}

}  // namespace

TEST_CASE("faultline proxy serves its config until SIGTERM, then exits 0 and frees its ports",
          "[.integration][proxy_command]") {
    test::echo_server echo;
    test::temp_dir dir;
    const auto api_port = test::free_port();
    const auto db_port = test::free_port();
    const json config = json::array({{{"name", "db"},
                                      {"listen", "127.0.0.1:" + std::to_string(db_port)},
                                      {"upstream", "127.0.0.1:" + std::to_string(echo.port())}},
                                     {{"name", "off"},
                                      {"listen", "127.0.0.1:0"},
                                      {"upstream", "127.0.0.1:9"},
                                      {"enabled", false}}});
    const auto file = write_file(dir, "proxies.json", config.dump(2));
    proxy_process proxy(
        {"proxy", "--api", "127.0.0.1:" + std::to_string(api_port), "--config", file});
    const std::string url = proxy.wait_for_api(10s);
    INFO(proxy.output());
    REQUIRE(url == "http://127.0.0.1:" + std::to_string(api_port));

    const proxy_api::api_client client(url);
    auto listed = client.get("/proxies");
    REQUIRE(listed);
    REQUIRE(listed->status == 200);
    const json all = json::parse(listed->body);
    CHECK(all.size() == 2);
    CHECK(all["db"]["listen"] == "127.0.0.1:" + std::to_string(db_port));
    CHECK(all["db"]["enabled"] == true);
    CHECK(all["off"]["enabled"] == false);

    {
        test::blocking_client through(db_port, 2s);
        REQUIRE(through.send_all("through the proxy", 2s));
        std::string back;
        CHECK(through.read_exactly(17, back, 5s) == test::read_end::complete);
        CHECK(back == "through the proxy");
        auto added = client.post("/proxies/db/toxics",
                                 R"({"type": "latency", "attributes": {"latency": 5}})");
        REQUIRE(added);
        CHECK(added->status == 200);
        // The connection stays open while the process is told to stop.
        CHECK(proxy.stop(SIGTERM, 10s) == 0);
        std::string rest;
        CHECK(through.read_until_closed(rest, 2s) != test::read_end::timed_out);
    }
    CHECK(proxy.output().find("SIGTERM") != std::string::npos);
    CHECK(port_is_free(api_port));
    CHECK(port_is_free(db_port));
}

TEST_CASE("faultline proxy exits 2 on a bad config, naming line and column",
          "[.integration][proxy_command]") {
    test::temp_dir dir;
    const auto file = write_file(dir, "bad.json",
                                 "[\n  {\"name\": \"db\", \"listen\": \"127.0.0.1:0\"},\n"
                                 "  {\"name\": \"x\" \"upstream\": \"127.0.0.1:1\"}\n]\n");
    const auto result = test::run_process(test::built_program("faultline"),
                                          {"proxy", "--api", "127.0.0.1:0", "--config", file}, 10s);
    INFO(result.output);
    CHECK(result.exit_code == 2);
    CHECK(result.output.find(file + ":3:16: ") != std::string::npos);  // after the missing comma
    CHECK(result.output.find("expected '}'") != std::string::npos);
}

TEST_CASE("faultline proxy exits 3 when the API port is taken", "[.integration][proxy_command]") {
    asio::io_context ioc;
    tcp::acceptor taken(ioc, {asio::ip::make_address("127.0.0.1"), 0});
    const auto port = taken.local_endpoint().port();
    const auto result =
        test::run_process(test::built_program("faultline"),
                          {"proxy", "--api", "127.0.0.1:" + std::to_string(port)}, 10s);
    INFO(result.output);
    CHECK(result.exit_code == 3);
    CHECK(result.output.find("cannot serve the control API on 127.0.0.1:" + std::to_string(port)) !=
          std::string::npos);
}

TEST_CASE("Toxiproxy's Node client drives faultline proxy unchanged",
          "[.integration][proxy_command]") {
    const std::string compat_dir = FAULTLINE_COMPAT_DIR;
    const auto node = bp::search_path("node");
    if (node.empty()) {
        WARN("SKIPPED: node is not installed, so Toxiproxy's Node client cannot be tried");
        return;
    }
    if (!std::filesystem::exists(compat_dir + "/node_modules/toxiproxy-node-client/package.json")) {
        WARN(
            "SKIPPED: toxiproxy-node-client is not installed: run scripts/install-deps.sh (npm ci "
            "in tests/compat)");
        return;
    }
    test::echo_server echo;
    proxy_process proxy({"proxy", "--api", "127.0.0.1:" + std::to_string(test::free_port())});
    const std::string url = proxy.wait_for_api(10s);
    REQUIRE_FALSE(url.empty());
    const auto result = test::run_process(
        node.string(), {compat_dir + "/compat.js", url, "127.0.0.1:" + std::to_string(echo.port())},
        60s);
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK(result.output.find("checks passed") != std::string::npos);
    CHECK(proxy.stop(SIGINT, 10s) == 0);
}

TEST_CASE("faultline proxy-cli drives the API as toxiproxy-cli does",
          "[.integration][proxy_command]") {
    proxy_process proxy({"proxy", "--api", "127.0.0.1:" + std::to_string(test::free_port())});
    const std::string url = proxy.wait_for_api(10s);
    REQUIRE_FALSE(url.empty());
    auto cli = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"proxy-cli", "--host", url});
        return test::run_process(test::built_program("faultline"), args, 10s);
    };
    auto created = cli({"create", "web", "--listen", "127.0.0.1:0", "--upstream", "127.0.0.1:9"});
    INFO(created.output);
    CHECK(created.exit_code == 0);
    CHECK(created.output == "Created new proxy web\n");

    auto added =
        cli({"toxic", "add", "web", "-t", "latency", "-a", "latency=100", "-a", "jitter=3"});
    CHECK(added.output == "Added downstream latency toxic 'latency_downstream' on proxy 'web'\n");
    auto updated = cli({"toxic", "update", "web", "-n", "latency_downstream", "-a", "latency=7",
                        "--toxicity", "0.5"});
    CHECK(updated.exit_code == 0);
    auto inspected = cli({"inspect", "web"});
    INFO(inspected.output);
    CHECK(inspected.output.find("latency_downstream\ttype=latency\tstream=downstream\t"
                                "toxicity=0.50\tattributes=[\tjitter=3\tlatency=7\t]\n") !=
          std::string::npos);

    CHECK(cli({"toggle", "web"}).output == "Proxy web is now disabled\n");
    auto listed = cli({"list"});
    CHECK(listed.output.find("web\t127.0.0.1:") != std::string::npos);
    CHECK(listed.output.find("\tdisabled\t1\n") != std::string::npos);

    CHECK(cli({"toxic", "remove", "web", "-n", "latency_downstream"}).exit_code == 0);
    auto again = cli({"toxic", "remove", "web", "-n", "latency_downstream"});
    CHECK(again.exit_code == 1);
    CHECK(again.output == "Failed to remove toxic: HTTP 404: toxic not found\n");
    CHECK(cli({"toxic", "add", "web", "-t", "latency", "-a", "latency=soon"}).exit_code == 2);
    CHECK(cli({"delete", "web"}).output == "Deleted proxy web\n");
    CHECK(cli({"inspect", "web"}).exit_code == 1);

    const auto nobody = test::run_process(
        test::built_program("faultline"),
        {"proxy-cli", "--host", "http://127.0.0.1:" + std::to_string(test::free_port()), "list"},
        10s);
    CHECK(nobody.exit_code == 3);
    CHECK(proxy.stop(SIGTERM, 10s) == 0);
}

TEST_CASE("a leased toxic outlives the process that added it by no more than its lease",
          "[.integration][proxy_command][lease]") {
    test::echo_server echo;
    test::temp_dir dir;
    const auto api_port = test::free_port();
    const json config = json::array({{{"name", "db"},
                                      {"listen", "127.0.0.1:0"},
                                      {"upstream", "127.0.0.1:" + std::to_string(echo.port())}}});
    const auto file = write_file(dir, "proxies.json", config.dump());
    proxy_process proxy(
        {"proxy", "--api", "127.0.0.1:" + std::to_string(api_port), "--config", file});
    const std::string url = proxy.wait_for_api(10s);
    INFO(proxy.output());
    REQUIRE_FALSE(url.empty());

    // The controller: adds a toxic with a 2 s lease, then stays alive until it is killed.
    const std::string add =
        "'" + test::built_program("faultline") + "' proxy-cli --host " + url +
        " toxic add db -t latency -a latency=1000 --expires-in 2s && exec sleep 60";
    bp::child controller("/bin/sh", bp::args({"-c", add}), bp::std_out > bp::null,
                         bp::std_err > bp::null);
    const auto added_before = std::chrono::steady_clock::now();
    const proxy_api::api_client client(url);
    auto has_toxic = [&] {
        auto listed = client.get("/proxies/db/toxics");
        return listed && listed->status == 200 && json::parse(listed->body).size() == 1;
    };
    REQUIRE(test::wait_for(has_toxic, 5000ms));
    ::kill(controller.id(), SIGKILL);
    std::error_code ec;
    controller.wait(ec);

    REQUIRE(test::wait_for([&] { return !has_toxic(); }, 5000ms));
    const auto gone_after = std::chrono::steady_clock::now() - added_before;
    CHECK(gone_after >= 2s);
    CHECK(gone_after <= 3s);
    CHECK(proxy.stop(SIGTERM, 10s) == 0);
}
