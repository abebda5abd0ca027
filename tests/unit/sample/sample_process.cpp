#include "sample_process.hpp"

#include <signal.h>

#include <faultline/test/support.hpp>

namespace faultline::sample::testing {

namespace bp = boost::process;
using namespace std::chrono_literals;

void pipe_reader::start() {
    pipe.async_read_some(asio::buffer(chunk), [this](error_code ec, std::size_t n) {
        text.append(chunk.data(), n);
        if (ec) {
            closed = true;
        } else {
            start();
        }
    });
}

sample_process::sample_process(const std::vector<std::string>& args)
    : out_(ioc_),
      err_(ioc_),
      child_(faultline::test::built_program("faultline-sample"), bp::args(args),
             bp::std_out > out_.pipe, bp::std_err > err_.pipe, ioc_,
             bp::on_exit([this](int code, const std::error_code&) { exit_code_ = code; })) {
    out_.start();
    err_.start();
}

sample_process::~sample_process() {
    if (!exit_code_) {
        ::kill(child_.id(), SIGKILL);
        faultline::test::run_until(
            ioc_, [this] { return exit_code_.has_value(); }, 2000ms);
    }
}

std::optional<std::string> sample_process::first_line(std::chrono::milliseconds timeout) {
    auto has_line = [this] { return out_.text.find('\n') != std::string::npos; };
    if (!faultline::test::run_until(ioc_, has_line, timeout))
        return std::nullopt;
    return out_.text.substr(0, out_.text.find('\n'));
}

std::optional<std::uint16_t> sample_process::listening_port(std::chrono::milliseconds timeout) {
    const std::string prefix = "faultline-sample listening on 127.0.0.1:";
    auto line = first_line(timeout);
    if (!line || !line->starts_with(prefix))
        return std::nullopt;
    const int port = std::stoi(line->substr(prefix.size()));
    if (port <= 0 || port > 65535)
        return std::nullopt;
    return static_cast<std::uint16_t>(port);
}

std::optional<int> sample_process::exit_code(std::chrono::milliseconds timeout) {
    auto gone = [this] { return exit_code_.has_value() && out_.closed && err_.closed; };
    faultline::test::run_until(ioc_, gone, timeout);
    return exit_code_;
}

void sample_process::signal(int number) {
    ::kill(child_.id(), number);
}

}  // namespace faultline::sample::testing
