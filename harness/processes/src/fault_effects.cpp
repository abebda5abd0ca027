#include <csignal>

#include <boost/process.hpp>
#include <boost/process/extend.hpp>

#include <faultline/core/units.hpp>
#include <faultline/processes/fault_effects.hpp>
#include <faultline/processes/process_tree.hpp>

#include "child_fds.hpp"

namespace bp = boost::process;

namespace faultline::processes {
namespace {

class kill_effect final : public faults::fault_effect {
public:
    kill_effect(service_supervisor& services, scenario::process_fault fault)
        : services_(services), fault_(std::move(fault)) {}

    expected<void, std::string> apply() override {
        auto killed = services_.kill(fault_.service);
        if (!killed)
            return make_unexpected(killed.error());
        killed_ = *killed;
        return {};
    }

    // Started again after restart_after; at the run's end a dead service stays dead.
    expected<void, std::string> remove(bool run_ending) noexcept override {
        if (run_ending || !fault_.restart_after)
            return {};
        try {
            return services_.start_again(fault_.service);
        } catch (const std::exception& e) {
            return make_unexpected(std::string(e.what()));
        }
    }

    faults::touch_counts touched() const override { return {{"processes_killed", killed_}}; }

private:
    service_supervisor& services_;
    scenario::process_fault fault_;
    std::uint64_t killed_ = 0;
};

class pause_effect final : public faults::fault_effect {
public:
    pause_effect(service_supervisor& services, scenario::process_fault fault)
        : services_(services), fault_(std::move(fault)) {}

    expected<void, std::string> apply() override {
        auto paused = services_.signal_group(fault_.service, SIGSTOP);
        if (!paused)
            return make_unexpected(paused.error());
        paused_ = *paused;
        return {};
    }

    // Always resumed, also at the run's end: a paused process never outlives the fault.
    expected<void, std::string> remove(bool) noexcept override {
        try {
            auto resumed = services_.signal_group(fault_.service, SIGCONT);
            if (!resumed)
                return make_unexpected(resumed.error());
            return {};
        } catch (const std::exception& e) {
            return make_unexpected(std::string(e.what()));
        }
    }

    faults::touch_counts touched() const override { return {{"processes_paused", paused_}}; }

private:
    service_supervisor& services_;
    scenario::process_fault fault_;
    std::uint64_t paused_ = 0;
};

class restart_effect final : public faults::fault_effect {
public:
    restart_effect(service_supervisor& services, scenario::process_fault fault)
        : services_(services), fault_(std::move(fault)) {}

    expected<void, std::string> apply() override {
        bool running = false;
        for (const auto& [name, pid] : services_.running_pids())
            running = running || name == fault_.service;
        if (!running)
            return make_unexpected("service '" + fault_.service + "' is not running");
        auto stopped = services_.stop(fault_.service);
        if (!stopped)
            return stopped;
        auto started = services_.start_again(fault_.service);
        if (!started)
            return started;
        restarted_ = 1;
        return {};
    }

    expected<void, std::string> remove(bool) noexcept override { return {}; }

    faults::touch_counts touched() const override { return {{"processes_restarted", restarted_}}; }

private:
    service_supervisor& services_;
    scenario::process_fault fault_;
    std::uint64_t restarted_ = 0;
};

// Runs `argv` to completion within `timeout`; an error unless it exits 0.
expected<void, std::string> run_to_end(const std::vector<std::string>& argv, nanoseconds timeout,
                                       const std::filesystem::path& log) {
    const auto program = resolve_program(argv.front());
    if (program.empty())
        return make_unexpected("command '" + argv.front() + "' not found");
    std::error_code ec;
    bp::child child(
        program, bp::args(std::vector<std::string>(argv.begin() + 1, argv.end())),
        (bp::std_out & bp::std_err) > log.string(), bp::std_in < bp::null, ec,
        bp::extend::on_exec_setup = [](auto&) { close_inherited_fds_on_exec(); });
    if (ec)
        return make_unexpected("command '" + argv.front() + "': " + ec.message());
    if (!wait_exit(child, timeout)) {
        child.terminate(ec);
        return make_unexpected("command '" + argv.front() + "' did not finish within " +
                               core::format_duration(timeout));
    }
    if (child.exit_code() != 0)
        return make_unexpected("command '" + argv.front() + "' exited with " +
                               std::to_string(child.exit_code()) + " (output in " +
                               log.filename().string() + ")");
    return {};
}

class command_effect final : public faults::fault_effect {
public:
    command_effect(scenario::command_fault fault, std::filesystem::path log)
        : fault_(std::move(fault)), log_(std::move(log)) {}

    expected<void, std::string> apply() override {
        auto done = run_to_end(fault_.command, fault_.timeout, log_);
        if (done)
            ran_ = 1;
        return done;
    }

    expected<void, std::string> remove(bool) noexcept override {
        if (fault_.undo.empty())
            return {};
        try {
            return run_to_end(fault_.undo, fault_.timeout, log_.string() + ".undo");
        } catch (const std::exception& e) {
            return make_unexpected(std::string(e.what()));
        }
    }

    faults::touch_counts touched() const override { return {{"commands_succeeded", ran_}}; }

private:
    scenario::command_fault fault_;
    std::filesystem::path log_;
    std::uint64_t ran_ = 0;
};

}  // namespace

std::unique_ptr<faults::fault_effect> make_process_effect(service_supervisor& services,
                                                          const scenario::process_fault& fault) {
    switch (fault.action) {
        case scenario::process_action::kill:
            return std::make_unique<kill_effect>(services, fault);
        case scenario::process_action::pause:
            return std::make_unique<pause_effect>(services, fault);
        case scenario::process_action::restart:
            return std::make_unique<restart_effect>(services, fault);
    }
    return nullptr;
}

std::unique_ptr<faults::fault_effect> make_command_effect(const scenario::command_fault& fault,
                                                          std::filesystem::path log) {
    return std::make_unique<command_effect>(fault, std::move(log));
}

}  // namespace faultline::processes
