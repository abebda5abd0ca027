#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include <boost/process.hpp>
#include <boost/process/extend.hpp>
#include <spdlog/spdlog.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <faultline/core/asio.hpp>
#include <faultline/core/units.hpp>
#include <faultline/processes/process_guard.hpp>
#include <faultline/processes/process_tree.hpp>
#include <faultline/processes/service_supervisor.hpp>

#include "child_fds.hpp"

namespace bp = boost::process;

namespace faultline::processes {

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
                                       const std::atomic<int>& interrupted, process_guard* guard)
    : log_dir_(std::move(log_dir)), interrupted_(interrupted), guard_(guard) {}

service_supervisor::~service_supervisor() {
    stop_all();
}

expected<void, std::string> service_supervisor::launch(const scenario::service& spec,
                                                       std::size_t slot) {
    const std::string who = "service '" + spec.name + "'";
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
    const bool relaunch = slot < services_.size();
    std::error_code launch_error;
    bp::child child(
        program, bp::args(args), (bp::std_out & bp::std_err) > log.string(), bp::std_in < bp::null,
        child_env, launch_error, bp::extend::on_exec_setup = [relaunch](auto&) {
            ::setpgid(0, 0);  // Ctrl-C in the terminal is ours to handle
            // Never outlive a killed faultline. The signal follows the thread that forked, so a
            // relaunch from the fault timeline's thread, which ends before the run does, relies
            // on the guard process alone.
            if (!relaunch)
                ::prctl(PR_SET_PDEATHSIG, SIGTERM);
            close_inherited_fds_on_exec();
        });
    if (launch_error)
        return make_unexpected(who + ": cannot start: " + launch_error.message());
    spdlog::info("{} started (pid {}): {}", who, child.id(), program);
    if (guard_ != nullptr)
        guard_->watch(static_cast<pid_t>(child.id()));
    if (slot < services_.size()) {
        services_[slot]->child = std::move(child);
    } else {
        services_.push_back(std::make_unique<running>(running{spec, std::move(child), log}));
    }
    return {};
}

expected<void, std::string> service_supervisor::start(const scenario::service& spec) {
    const std::string who = "service '" + spec.name + "'";
    if (spec.ready && accepts_connections(spec.ready->tcp)) {
        return make_unexpected("port " + spec.ready->tcp.to_string() +
                               " is already taken: something accepts connections there before " +
                               who + " was started. Stop that process or choose another port.");
    }
    running* started = nullptr;
    {
        std::lock_guard lock(mutex_);
        auto launched = launch(spec, services_.size());
        if (!launched)
            return launched;
        started = services_.back().get();
    }
    if (!spec.ready)
        return {};
    const auto& log = started->log;
    const auto until = clock::now() + spec.ready->timeout;
    while (clock::now() < until) {
        if (interrupted_.load() != 0)
            return make_unexpected("interrupted while waiting for " + who);
        std::error_code ec;
        if (!started->child.running(ec)) {
            return make_unexpected(who + " exited before it was ready (exit code " +
                                   std::to_string(started->child.exit_code()) + "); its output:\n" +
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

namespace {
// SIGTERM to the process (after SIGCONT to its group: a paused service cannot stop), SIGKILL to
// its group after `timeout`; waits until the process is gone.
void stop_process(bp::child& child, const std::string& name, nanoseconds timeout) {
    std::error_code ec;
    if (!child.valid() || !child.running(ec))
        return;
    const auto pid = static_cast<pid_t>(child.id());
    signal_all(process_tree(pid), SIGCONT);  // a paused process cannot stop
    ::kill(pid, SIGTERM);
    if (!wait_exit(child, timeout)) {
        spdlog::warn("service '{}' ignored SIGTERM for {}; killing it", name,
                     core::format_duration(timeout));
        signal_all(process_tree(pid), SIGKILL);
        child.wait(ec);
    }
}
}  // namespace

void service_supervisor::stop_all() noexcept {
    std::lock_guard lock(mutex_);
    for (auto it = services_.rbegin(); it != services_.rend(); ++it) {
        auto& s = **it;
        std::error_code ec;
        const bool was_running = s.child.valid() && s.child.running(ec);
        stop_process(s.child, s.spec.name, s.spec.stop_timeout);
        if (guard_ != nullptr && s.child.valid())
            guard_->forget(static_cast<pid_t>(s.child.id()));
        if (was_running)
            spdlog::info("service '{}' stopped", s.spec.name);
    }
    services_.clear();
}

std::vector<std::pair<std::string, int>> service_supervisor::running_pids() const {
    std::lock_guard lock(mutex_);
    std::vector<std::pair<std::string, int>> out;
    for (const auto& service : services_) {
        std::error_code ec;
        if (service->child.valid() && service->child.running(ec))
            out.emplace_back(service->spec.name, service->child.id());
    }
    return out;
}

service_supervisor::running* service_supervisor::find(const std::string& name) {
    for (auto& s : services_) {
        if (s->spec.name == name)
            return s.get();
    }
    return nullptr;
}

service_supervisor::running* service_supervisor::find_running(const std::string& name) {
    auto* s = find(name);
    std::error_code ec;
    return s != nullptr && s->child.valid() && s->child.running(ec) ? s : nullptr;
}

expected<std::size_t, std::string> service_supervisor::signal_group(const std::string& name,
                                                                    int signal) {
    std::lock_guard lock(mutex_);
    auto* s = find_running(name);
    if (s == nullptr)
        return make_unexpected("service '" + name + "' is not running");
    const auto tree = process_tree(static_cast<pid_t>(s->child.id()));
    const auto signalled = signal_all(tree, signal);
    if (signalled == 0)
        return make_unexpected("service '" + name + "': kill: " + std::strerror(errno));
    if (guard_ != nullptr) {
        for (const auto pid : tree) {
            if (signal == SIGSTOP)
                guard_->paused(pid);
            else if (signal == SIGCONT)
                guard_->resumed(pid);
        }
    }
    return signalled;
}

expected<std::size_t, std::string> service_supervisor::kill(const std::string& name) {
    std::lock_guard lock(mutex_);
    auto* s = find_running(name);
    if (s == nullptr)
        return make_unexpected("service '" + name + "' is not running");
    const auto pgid = static_cast<pid_t>(s->child.id());
    const auto members = signal_all(process_tree(pgid), SIGKILL);
    if (!wait_exit(s->child, std::chrono::seconds(5)))
        return make_unexpected("service '" + name + "' did not die within 5 s of SIGKILL");
    if (guard_ != nullptr)
        guard_->forget(pgid);
    spdlog::info("service '{}' killed ({} processes)", name, members);
    return members;
}

expected<void, std::string> service_supervisor::stop(const std::string& name) {
    std::lock_guard lock(mutex_);
    auto* s = find(name);
    if (s == nullptr)
        return make_unexpected("service '" + name + "' is not a service of the run");
    stop_process(s->child, name, s->spec.stop_timeout);
    if (guard_ != nullptr && s->child.valid())
        guard_->forget(static_cast<pid_t>(s->child.id()));
    return {};
}

expected<void, std::string> service_supervisor::start_again(const std::string& name) {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < services_.size(); ++i) {
        if (services_[i]->spec.name != name)
            continue;
        std::error_code ec;
        if (services_[i]->child.valid() && services_[i]->child.running(ec))
            return make_unexpected("service '" + name + "' is still running");
        return launch(services_[i]->spec, i);
    }
    return make_unexpected("service '" + name + "' is not a service of the run");
}

}  // namespace faultline::processes
