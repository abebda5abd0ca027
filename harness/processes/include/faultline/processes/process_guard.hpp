#pragma once
// A watchdog process that outlives a killed faultline just long enough to clean up after it.
// `faultline run` forks it first thing (before any socket exists); the run tells it the process
// groups of the services it owns. If faultline dies without saying goodbye (SIGKILL, a crash),
// the guard sees its pipe close, resumes (SIGCONT) every process still paused by a fault, and
// stops (SIGTERM) and, 2 s later, kills (SIGKILL) every group still registered: a paused
// service never stays paused.
#include <sys/types.h>

namespace faultline::processes {

class process_guard {
public:
    /// Forks the guard. Without it (fork failed) the run goes on, and says so in its log.
    process_guard();
    /// Tells the guard all is well (the groups are stopped) and reaps it.
    ~process_guard();
    process_guard(const process_guard&) = delete;
    process_guard& operator=(const process_guard&) = delete;

    /// Registers the process group `pgid` (a service started in a group of its own).
    void watch(pid_t pgid) noexcept;
    /// The group is gone (its leader reaped): the guard forgets it.
    void forget(pid_t pgid) noexcept;
    /// A fault stopped process `pid` (SIGSTOP) / resumed it.
    void paused(pid_t pid) noexcept;
    void resumed(pid_t pid) noexcept;

private:
    void send(int kind, pid_t pid) noexcept;

    int pipe_ = -1;  ///< write end; the guard reads pgids from the other
    pid_t guard_ = -1;
};

}  // namespace faultline::processes
