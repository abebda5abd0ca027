#include <array>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <ctime>

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <faultline/processes/process_guard.hpp>

namespace faultline::processes {
namespace {

// What faultline tells the guard.
enum message_kind : std::int32_t {
    goodbye = 0,
    watch_group,
    forget_group,
    paused_pid,
    resumed_pid
};
struct message {
    std::int32_t kind = goodbye;
    std::int32_t pid = 0;
};

// A fixed set of pids (no allocation in the guard).
struct pid_set {
    std::array<pid_t, 1024> pids{};
    std::size_t count = 0;
    void add(pid_t pid) {
        if (count < pids.size())
            pids[count++] = pid;
    }
    void remove(pid_t pid) {
        for (std::size_t i = 0; i < count; ++i) {
            if (pids[i] == pid) {
                pids[i] = pids[--count];
                return;
            }
        }
    }
};

// The guard: runs in the forked child of a multi-threaded process, so only async-signal-safe
// calls (read, kill, nanosleep, _exit).
[[noreturn]] void guard_main(int in) {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGINT, &ignore, nullptr);  // Ctrl-C in the terminal is faultline's to handle
    sigaction(SIGTERM, &ignore, nullptr);
    sigaction(SIGHUP, &ignore, nullptr);
    pid_set groups;
    pid_set paused;
    for (;;) {
        message m;
        const auto n = ::read(in, &m, sizeof m);
        if (n < 0 && errno == EINTR)
            continue;
        if (n != static_cast<ssize_t>(sizeof m))
            break;  // the pipe closed: faultline is gone
        switch (m.kind) {
            case goodbye:
                _exit(0);
            case watch_group:
                groups.add(m.pid);
                break;
            case forget_group:
                groups.remove(m.pid);
                break;
            case paused_pid:
                paused.add(m.pid);
                break;
            case resumed_pid:
                paused.remove(m.pid);
                break;
            default:
                break;
        }
    }
    for (std::size_t i = 0; i < paused.count; ++i)
        ::kill(paused.pids[i], SIGCONT);
    if (groups.count == 0)
        _exit(0);
    for (std::size_t i = 0; i < groups.count; ++i) {
        ::kill(-groups.pids[i], SIGCONT);
        ::kill(-groups.pids[i], SIGTERM);
    }
    timespec wait{2, 0};
    while (nanosleep(&wait, &wait) != 0 && errno == EINTR) {
    }
    for (std::size_t i = 0; i < groups.count; ++i)
        ::kill(-groups.pids[i], SIGKILL);
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
        ::close(fds[1]);  // even where close_range is missing, or the guard never sees EOF
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
    // A guard that died (killed from outside) must not take the run with it on the next write.
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ignore, nullptr);
}

process_guard::~process_guard() {
    if (pipe_ >= 0) {
        send(goodbye, 0);
        ::close(pipe_);
    }
    if (guard_ > 0) {
        int status = 0;
        while (::waitpid(guard_, &status, 0) < 0 && errno == EINTR) {
        }
    }
}

void process_guard::send(int kind, pid_t pid) noexcept {
    if (pipe_ < 0 || (kind != goodbye && pid <= 0))
        return;
    const message m{kind, pid};
    (void)!::write(pipe_, &m, sizeof m);  // a message this small is written whole
}

void process_guard::watch(pid_t pgid) noexcept {
    send(watch_group, pgid);
}

void process_guard::forget(pid_t pgid) noexcept {
    send(forget_group, pgid);
}

void process_guard::paused(pid_t pid) noexcept {
    send(paused_pid, pid);
}

void process_guard::resumed(pid_t pid) noexcept {
    send(resumed_pid, pid);
}

}  // namespace faultline::processes
