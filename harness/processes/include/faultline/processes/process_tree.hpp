#pragma once
// The processes a service consists of: its process, everything descended from it, and its
// process group. Process groups alone are not enough: PostgreSQL's backends call setsid(), so
// stopping the postmaster's group would leave them serving.
#include <chrono>
#include <vector>

#include <boost/process/child.hpp>
#include <sys/types.h>

namespace faultline::processes {

/// `root` first, then its descendants (parents before children), then any other member of
/// the process group `root` leads; zombies left out. Read from /proc.
std::vector<pid_t> process_tree(pid_t root);

/// Sends `signal` to every process of `tree`; returns how many took it.
std::size_t signal_all(const std::vector<pid_t>& tree, int signal);

/// Waits until `child` has exited (reaping it), polling; false when `timeout` passed first.
/// (Boost 1.74's child::wait_for may wait the whole timeout even after the child exited.)
bool wait_exit(boost::process::child& child, std::chrono::nanoseconds timeout);

}  // namespace faultline::processes
