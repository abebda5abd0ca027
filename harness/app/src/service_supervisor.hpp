#pragma once
// Starts the processes a scenario owns, waits until they are ready, and always stops them.
#include <atomic>
#include <csignal>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <faultline/core/expected.hpp>
#include <faultline/scenario/scenario.hpp>

namespace faultline::app {

class service_supervisor {
public:
    /// Service output goes to `<log_dir>/service-<name>.log`. `interrupted` aborts a ready wait.
    service_supervisor(std::filesystem::path log_dir, const std::atomic<int>& interrupted);
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

private:
    struct running;
    std::filesystem::path log_dir_;
    const std::atomic<int>& interrupted_;
    std::vector<std::unique_ptr<running>> services_;
};

/// Where a service's argv[0] is found: as given when it has a '/', else beside the faultline
/// executable, else on PATH. Empty when not found.
std::string resolve_program(const std::string& name);

}  // namespace faultline::app
