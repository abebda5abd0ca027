// Runs the built faultline-sample executable. Hidden tag: needs FAULTLINE_BIN_DIR.
#include <utility>
//
#include <array>
#include <chrono>
#include <optional>
#include <string>

#include <boost/process.hpp>
#include <catch2/catch.hpp>
#include <signal.h>

#include <faultline/core/asio.hpp>
#include <faultline/test/support.hpp>

#include "http_client.hpp"

using namespace std::chrono_literals;
namespace bp = boost::process;
namespace asio = faultline::asio;
using faultline::error_code;
using faultline::sample::testing::http_client;

namespace {

// Collects everything a child writes to one pipe.
struct pipe_reader {
    explicit pipe_reader(asio::io_context& ioc) : pipe(ioc) {}
    void start() {
        pipe.async_read_some(asio::buffer(chunk), [this](error_code ec, std::size_t n) {
            text.append(chunk.data(), n);
            if (ec) {
                closed = true;
            } else {
                start();
            }
        });
    }
    bp::async_pipe pipe;
    std::array<char, 1024> chunk{};
    std::string text;
    bool closed = false;
};

// A faultline-sample child with its stdout and stderr on pipes and its exit observed on one
// io_context (never wait() as well: boostorg/process#187). Killed if the test leaves early.
class sample_process {
public:
    explicit sample_process(const std::vector<std::string>& args)
        : out_(ioc_),
          err_(ioc_),
          child_(faultline::test::built_program("faultline-sample"), bp::args(args),
                 bp::std_out > out_.pipe, bp::std_err > err_.pipe, ioc_,
                 bp::on_exit([this](int code, const std::error_code&) { exit_code_ = code; })) {
        out_.start();
        err_.start();
    }
    sample_process(const sample_process&) = delete;
    sample_process& operator=(const sample_process&) = delete;
    ~sample_process() {
        if (!exit_code_) {
            ::kill(child_.id(), SIGKILL);
            faultline::test::run_until(
                ioc_, [this] { return exit_code_.has_value(); }, 2000ms);
        }
    }

    // The first line of stdout, or nothing if none came within `timeout`.
    std::optional<std::string> first_line(std::chrono::milliseconds timeout) {
        auto has_line = [this] { return out_.text.find('\n') != std::string::npos; };
        if (!faultline::test::run_until(ioc_, has_line, timeout))
            return std::nullopt;
        return out_.text.substr(0, out_.text.find('\n'));
    }

    // The exit code once the process has exited and closed its pipes within `timeout`.
    std::optional<int> exit_code(std::chrono::milliseconds timeout) {
        auto gone = [this] { return exit_code_.has_value() && out_.closed && err_.closed; };
        faultline::test::run_until(ioc_, gone, timeout);
        return exit_code_;
    }

    void signal(int number) { ::kill(child_.id(), number); }
    const std::string& err_text() const { return err_.text; }

private:
    asio::io_context ioc_;
    pipe_reader out_;
    pipe_reader err_;
    std::optional<int> exit_code_;
    bp::child child_;
};

}  // namespace

TEST_CASE("the executable announces its port, serves, and exits 0 on SIGTERM",
          "[.integration][process]") {
    sample_process sample({"--port", "0", "--workers", "2", "--service-time", "1ms"});
    auto line = sample.first_line(5000ms);
    REQUIRE(line.has_value());
    const std::string prefix = "faultline-sample listening on 127.0.0.1:";
    REQUIRE(line->starts_with(prefix));
    const int port = std::stoi(line->substr(prefix.size()));
    REQUIRE(port > 0);
    REQUIRE(port < 65536);

    http_client client(static_cast<std::uint16_t>(port));
    auto got = client.exchange("GET", "/items/9");
    REQUIRE(got.has_value());
    CHECK(got->status == 200);
    CHECK(got->body == R"({"id":9,"name":"item-9"})");

    sample.signal(SIGTERM);
    auto code = sample.exit_code(2000ms);
    REQUIRE(code.has_value());
    CHECK(*code == 0);
}

TEST_CASE("the executable refuses a non-loopback host with exit code 2",
          "[.integration][process]") {
    sample_process sample({"--host", "192.168.1.10", "--port", "0"});
    auto code = sample.exit_code(5000ms);
    REQUIRE(code.has_value());
    CHECK(*code == 2);
    CHECK_THAT(sample.err_text(), Catch::Contains("loopback"));
}
