#include "service_supervisor.hpp"

#include <csignal>
#include <fstream>
#include <thread>

#include <boost/process.hpp>
#include <boost/process/extend.hpp>
#include <spdlog/spdlog.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <faultline/core/asio.hpp>
#include <faultline/core/units.hpp>

namespace bp = boost::process;

namespace faultline::app {

struct service_supervisor::running {
    scenario::service spec;
    bp::child child;
    std::filesystem::path log;
};

namespace {

// True when something accepts TCP connections at `target` right now.
bool accepts_connections(const core::host_port& target) {
    asio::io_context ioc;
    tcp::socket socket(ioc);
    error_code ec;
    auto address = asio::ip::make_address(core::numeric_host(target.host), ec);
    if (ec)
        return false;
    socket.connect(tcp::endpoint(address, target.port), ec);
    return !ec;
}

std::string log_tail(const std::filesystem::path& log) {
    std::ifstream in(log);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.size() > 800)
        text = "..." + text.substr(text.size() - 800);
    while (!text.empty() && text.back() == '\n')
        text.pop_back();
    return text.empty() ? "(no output)" : text;
}

std::filesystem::path self_directory() {
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path{} : self.parent_path();
}

}  // namespace

std::string resolve_program(const std::string& name) {
    if (name.find('/') != std::string::npos) {
        return std::filesystem::exists(name) ? name : std::string{};
    }
    auto beside = self_directory() / name;
    if (std::filesystem::exists(beside))
        return beside.string();
    auto found = bp::search_path(name);
    return found.empty() ? std::string{} : found.string();
}

service_supervisor::service_supervisor(std::filesystem::path log_dir,
                                       const std::atomic<int>& interrupted)
    : log_dir_(std::move(log_dir)), interrupted_(interrupted) {}

service_supervisor::~service_supervisor() {
    stop_all();
}

expected<void, std::string> service_supervisor::start(const scenario::service& spec) {
    const std::string who = "service '" + spec.name + "'";
    if (spec.ready && accepts_connections(spec.ready->tcp)) {
        return make_unexpected("port " + spec.ready->tcp.to_string() +
                               " is already taken: something accepts connections there before " +
                               who + " was started. Stop that process or choose another port.");
    }
    const std::string program = resolve_program(spec.command.front());
    if (program.empty()) {
        return make_unexpected(who + ": command '" + spec.command.front() +
                               "' not found (looked beside faultline and on PATH)");
    }
    std::vector<std::string> args(spec.command.begin() + 1, spec.command.end());
    auto env = boost::this_process::environment();
    bp::environment child_env = env;
    for (const auto& [key, value] : spec.env)
        child_env[key] = value;
    auto log = log_dir_ / ("service-" + spec.name + ".log");
    std::error_code launch_error;
    bp::child child(
        program, bp::args(args), (bp::std_out & bp::std_err) > log.string(), bp::std_in < bp::null,
        child_env, launch_error, bp::extend::on_exec_setup = [](auto&) {
            ::setpgid(0, 0);                     // Ctrl-C in the terminal is ours to handle
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // never outlive a killed faultline
        });
    if (launch_error)
        return make_unexpected(who + ": cannot start: " + launch_error.message());
    spdlog::info("{} started (pid {}): {}", who, child.id(), program);
    services_.push_back(std::make_unique<running>(running{spec, std::move(child), log}));
    auto& started = *services_.back();

    if (!spec.ready)
        return {};
    const auto until = clock::now() + spec.ready->timeout;
    while (clock::now() < until) {
        if (interrupted_.load() != 0)
            return make_unexpected("interrupted while waiting for " + who);
        std::error_code ec;
        if (!started.child.running(ec)) {
            return make_unexpected(who + " exited before it was ready (exit code " +
                                   std::to_string(started.child.exit_code()) + "); its output:\n" +
                                   log_tail(log));
        }
        if (accepts_connections(spec.ready->tcp)) {
            spdlog::info("{} is ready on {}", who, spec.ready->tcp.to_string());
            return {};
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return make_unexpected(who + " was not ready on " + spec.ready->tcp.to_string() + " within " +
                           core::format_duration(spec.ready->timeout) + "; its output:\n" +
                           log_tail(log));
}

void service_supervisor::stop_all() noexcept {
    for (auto it = services_.rbegin(); it != services_.rend(); ++it) {
        auto& s = **it;
        std::error_code ec;
        if (!s.child.running(ec))
            continue;
        ::kill(static_cast<pid_t>(s.child.id()), SIGTERM);
        const auto until = clock::now() + s.spec.stop_timeout;
        while (s.child.running(ec) && clock::now() < until) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        if (s.child.running(ec)) {
            spdlog::warn("service '{}' ignored SIGTERM for {}; killing it", s.spec.name,
                         core::format_duration(s.spec.stop_timeout));
            s.child.terminate(ec);
        }
        spdlog::info("service '{}' stopped", s.spec.name);
    }
    services_.clear();
}

std::vector<std::pair<std::string, int>> service_supervisor::running_pids() const {
    std::vector<std::pair<std::string, int>> out;
    for (const auto& service : services_) {
        if (service->child.valid() && service->child.running())
            out.emplace_back(service->spec.name, service->child.id());
    }
    return out;
}

}  // namespace faultline::app
