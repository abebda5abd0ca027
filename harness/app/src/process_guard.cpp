#include "process_guard.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <ctime>

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace faultline::app {
namespace {

// The guard: runs in the forked child of a multi-threaded process, so only async-signal-safe
// calls (read, kill, nanosleep, _exit). Messages are pids: positive registers a group, negative
// forgets it, 0 says goodbye (faultline cleaned up itself).
[[noreturn]] void guard_main(int in) {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGINT, &ignore, nullptr);  // Ctrl-C in the terminal is faultline's to handle
    sigaction(SIGTERM, &ignore, nullptr);
    sigaction(SIGHUP, &ignore, nullptr);
    std::array<pid_t, 256> groups{};
    std::size_t count = 0;
    bool goodbye = false;
    for (;;) {
        pid_t message = 0;
        const auto n = ::read(in, &message, sizeof message);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (n != static_cast<ssize_t>(sizeof message))
            continue;
        if (message == 0) {
            goodbye = true;
        } else if (message > 0 && count < groups.size()) {
            groups[count++] = message;
        } else if (message < 0) {
            for (std::size_t i = 0; i < count; ++i) {
                if (groups[i] == -message) {
                    groups[i] = groups[--count];
                    break;
                }
            }
        }
    }
    if (goodbye || count == 0)
        _exit(0);
    for (std::size_t i = 0; i < count; ++i) {
        ::kill(-groups[i], SIGCONT);
        ::kill(-groups[i], SIGTERM);
    }
    timespec wait{2, 0};
    while (nanosleep(&wait, &wait) != 0 && errno == EINTR) {
    }
    for (std::size_t i = 0; i < count; ++i)
        ::kill(-groups[i], SIGKILL);
    _exit(0);
}

}  // namespace

process_guard::process_guard() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        spdlog::warn("no process guard (pipe: {}): a killed faultline may leave services behind",
                     std::strerror(errno));
        return;
    }
    const pid_t child = ::fork();
    if (child == 0) {
        // Keep nothing of the parent's but the pipe: a listening socket held here would keep
        // accepting connections after the run closed it.
        const int in = fds[0];
        ::syscall(SYS_close_range, 3U, static_cast<unsigned>(in - 1), 0U);
        ::syscall(SYS_close_range, static_cast<unsigned>(in + 1), ~0U, 0U);
        guard_main(in);
    }
    ::close(fds[0]);
    if (child < 0) {
        ::close(fds[1]);
        spdlog::warn("no process guard (fork: {}): a killed faultline may leave services behind",
                     std::strerror(errno));
        return;
    }
    pipe_ = fds[1];
    guard_ = child;
}

process_guard::~process_guard() {
    if (pipe_ >= 0) {
        const pid_t goodbye = 0;
        (void)!::write(pipe_, &goodbye, sizeof goodbye);
        ::close(pipe_);
    }
    if (guard_ > 0) {
        int status = 0;
        while (::waitpid(guard_, &status, 0) < 0 && errno == EINTR) {
        }
    }
}

void process_guard::watch(pid_t pgid) noexcept {
    if (pipe_ >= 0 && pgid > 0)
        (void)!::write(pipe_, &pgid, sizeof pgid);
}

void process_guard::forget(pid_t pgid) noexcept {
    const pid_t message = -pgid;
    if (pipe_ >= 0 && pgid > 0)
        (void)!::write(pipe_, &message, sizeof message);
}

}  // namespace faultline::app
