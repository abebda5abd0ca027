#pragma once
/// The fault timeline of a run: applies each fault at its time and removes it at its end, on a
/// thread of its own so that a slow fault (a command, a process that takes its time to stop)
/// never delays the load's buckets. Every fault is removed when the timeline stops, however the
/// run ends; each records when it was asked for, when it took effect and when it was removed.
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <faultline/core/clock.hpp>
#include <faultline/faults/fault_effect.hpp>
#include <faultline/faults/fault_record.hpp>

namespace faultline::faults {

/// One fault to run.
struct timed_fault {
    std::string name;
    std::string kind;                  ///< "latency", "refuse", "kill", "command", ...
    std::string target;                ///< the proxy or service it hits; empty for a command
    nanoseconds at{0};                 ///< since the run's start
    std::optional<nanoseconds> until;  ///< since the run's start; unset: the run's end
    std::unique_ptr<fault_effect> effect;
};

class fault_timeline {
public:
    /// `faults` in any order; times count from `run_start`.
    fault_timeline(std::vector<timed_fault> faults, clock::time_point run_start);
    /// Stops (removing every active fault) if stop() was not called.
    ~fault_timeline();
    fault_timeline(const fault_timeline&) = delete;
    fault_timeline& operator=(const fault_timeline&) = delete;

    /// Starts the thread. The first fault waits for open_gate(): until the baseline is judged
    /// the timeline injects nothing.
    void start();

    /// The baseline was judged: `inject` false skips every fault (each is recorded as skipped).
    void open_gate(bool inject);

    /// When the first fault is due (since the run's start); unset without faults.
    std::optional<nanoseconds> first_at() const;

    /// Stops the thread and removes every fault still in place. Idempotent; never throws.
    void stop() noexcept;

    /// Names of the faults in place now (for the progress line).
    std::vector<std::string> active() const;

    /// The records, in the order of the faults' times. Call after stop().
    std::vector<fault_record> records() const;

private:
    struct slot;
    void loop();
    void apply(slot& s);
    void remove(slot& s, bool run_ending) noexcept;
    double now_s() const;

    clock::time_point run_start_;
    std::vector<std::unique_ptr<slot>> slots_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::optional<bool> gate_;  ///< unset: the baseline is not judged yet
    std::thread thread_;
    std::atomic<bool> stopped_{false};
};

}  // namespace faultline::faults
