#pragma once
// Starts the processes a scenario owns, waits until they are ready, and always stops them.
#include <atomic>
#include <csignal>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <faultline/core/expected.hpp>
#include <faultline/scenario/scenario.hpp>

namespace faultline::processes {

class process_guard;

/// Thread-safe: the fault timeline kills, pauses and restarts services from its own thread.
class service_supervisor {
public:
    /// Service output goes to `<log_dir>/service-<name>.log`. `interrupted` aborts a ready wait.
    /// Each service runs in a process group of its own, registered with `guard` (may be null).
    service_supervisor(std::filesystem::path log_dir, const std::atomic<int>& interrupted,
                       process_guard* guard = nullptr);
    ~service_supervisor();  // stops whatever is still running
    service_supervisor(const service_supervisor&) = delete;
    service_supervisor& operator=(const service_supervisor&) = delete;

    /// Starts `service` and waits until its ready probe answers. The error says what went wrong
    /// (port already taken, command not found, exited early, not ready in time).
    expected<void, std::string> start(const scenario::service& service);

    /// SIGTERM to each service (last started first), SIGKILL after its stop_timeout. Idempotent.
    void stop_all() noexcept;

    /// Name and process id of every service still running, in start order.
    std::vector<std::pair<std::string, int>> running_pids() const;

    /// Sends `signal` to the process group of service `name` (SIGSTOP, SIGCONT). Returns the
    /// processes signalled; an error when the service is not running.
    expected<std::size_t, std::string> signal_group(const std::string& name, int signal);

    /// SIGKILL to the service's process group, then waits (up to 5 s) until its process is gone.
    /// Returns the processes killed.
    expected<std::size_t, std::string> kill(const std::string& name);

    /// SIGTERM to the service's process (SIGKILL to its group after stop_timeout), as at the end
    /// of a run.
    expected<void, std::string> stop(const std::string& name);

    /// Starts a stopped or killed service again with its command, without waiting for it to be
    /// ready (its readiness is part of what a drill measures).
    expected<void, std::string> start_again(const std::string& name);

private:
    struct running;
    expected<void, std::string> launch(const scenario::service& spec, std::size_t slot);
    running* find(const std::string& name);
    running* find_running(const std::string& name);  ///< null unless it runs now

    std::filesystem::path log_dir_;
    const std::atomic<int>& interrupted_;
    process_guard* guard_;
    mutable std::recursive_mutex mutex_;
    std::vector<std::unique_ptr<running>> services_;
};

/// Where a service's argv[0] is found: as given when it has a '/', else beside the faultline
/// executable, else on PATH. Empty when not found.
std::string resolve_program(const std::string& name);

}  // namespace faultline::processes
