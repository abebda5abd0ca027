#pragma once
// Run in a child between fork and exec. Asio does not open its sockets close-on-exec, so without
// this a service would inherit the run's sockets: a proxy's listener would stay open in the
// child (an outage would not refuse anything, and the proxy could not listen again).
#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace faultline::processes {

/// Marks every descriptor above stderr close-on-exec. Async-signal-safe.
inline void close_inherited_fds_on_exec() noexcept {
    if (::syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
        return;
    // Kernels before 5.11: one descriptor at a time, up to the usual limit.
    for (int fd = 3; fd < 65536; ++fd)
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
}

}  // namespace faultline::processes
