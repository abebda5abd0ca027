#include <cerrno>
#include <stdexcept>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <faultline/test/blocking_client.hpp>

namespace faultline::test {

namespace {
using steady = std::chrono::steady_clock;

int wait_ms(steady::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady::now());
    return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

bool wait_ready(int fd, short events, steady::time_point deadline) {
    pollfd p{fd, events, 0};
    int r = 0;
    do {
        r = ::poll(&p, 1, wait_ms(deadline));
    } while (r < 0 && errno == EINTR);
    return r > 0;
}
}  // namespace

blocking_client::blocking_client(std::uint16_t port, std::chrono::milliseconds timeout) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd_ < 0)
        throw std::runtime_error("socket() failed");
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const auto deadline = steady::now() + timeout;
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 &&
        errno != EINPROGRESS) {
        ::close(fd_);
        throw std::runtime_error("connect() failed");
    }
    int error = 0;
    socklen_t length = sizeof error;
    if (!wait_ready(fd_, POLLOUT, deadline) ||
        ::getsockopt(fd_, SOL_SOCKET, SO_ERROR, &error, &length) != 0 || error != 0) {
        ::close(fd_);
        throw std::runtime_error("connect to port " + std::to_string(port) + " failed");
    }
}

blocking_client::~blocking_client() {
    if (fd_ >= 0)
        ::close(fd_);
}

bool blocking_client::send_all(std::string_view data, std::chrono::milliseconds timeout) {
    const auto deadline = steady::now() + timeout;
    while (!data.empty()) {
        ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
        if (n > 0) {
            data.remove_prefix(static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            if (!wait_ready(fd_, POLLOUT, deadline))
                return false;
            continue;
        }
        return false;
    }
    return true;
}

read_end blocking_client::read_some(std::string& out, steady::time_point deadline,
                                    std::size_t limit) {
    char buffer[64 * 1024];
    for (;;) {
        ssize_t n = ::recv(fd_, buffer, std::min(sizeof buffer, limit), 0);
        if (n > 0) {
            out.append(buffer, static_cast<std::size_t>(n));
            return read_end::complete;
        }
        if (n == 0)
            return read_end::closed;
        if (errno == ECONNRESET)
            return read_end::reset;
        if (errno != EAGAIN && errno != EINTR)
            return read_end::reset;
        if (!wait_ready(fd_, POLLIN, deadline))
            return read_end::timed_out;
    }
}

read_end blocking_client::read_exactly(std::size_t n, std::string& out,
                                       std::chrono::milliseconds timeout) {
    const auto deadline = steady::now() + timeout;
    const std::size_t target = out.size() + n;
    while (out.size() < target) {
        auto end = read_some(out, deadline, target - out.size());
        if (end != read_end::complete)
            return end;
    }
    return read_end::complete;
}

read_end blocking_client::read_until_closed(std::string& out, std::chrono::milliseconds timeout) {
    const auto deadline = steady::now() + timeout;
    for (;;) {
        auto end = read_some(out, deadline, 64 * 1024);
        if (end != read_end::complete)
            return end;
    }
}

void blocking_client::shutdown_send() {
    ::shutdown(fd_, SHUT_WR);
}

void blocking_client::reset() {
    linger l{1, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    ::close(fd_);
    fd_ = -1;
}

connection_fate probe_connection(std::uint16_t port, std::chrono::milliseconds timeout) {
    try {
        blocking_client client(port, timeout);
        std::string ignored;
        switch (client.read_until_closed(ignored, timeout)) {
            case read_end::closed:
                return connection_fate::closed;
            case read_end::reset:
                return connection_fate::reset;
            default:
                return connection_fate::stays_open;
        }
    } catch (const std::runtime_error&) {
        return connection_fate::refused;
    }
}

}  // namespace faultline::test
