#include "address_probe.hpp"

#include <cerrno>
#include <cstring>
#include <memory>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <faultline/core/asio.hpp>
#include <faultline/core/spawn.hpp>
#include <faultline/core/units.hpp>
#include <faultline/drivers/deadline.hpp>
#include <faultline/net/resolve_now.hpp>

namespace faultline::cli {
namespace {

// A Unix socket connect never waits on a network: it is accepted, refused or missing at once.
probe_result probe_socket(const std::string& path) {
    sockaddr_un address{};
    if (path.size() >= sizeof address.sun_path)
        return {false, false, "the socket path is too long"};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return {false, false, std::strerror(errno)};
    const int rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    const int error = rc == 0 ? 0 : errno;
    ::close(fd);
    if (error != 0)
        return {false, false, std::strerror(error)};
    return {true, false, {}};
}

asio::awaitable<void> probe_tcp(asio::ip::address address, std::uint16_t port, nanoseconds timeout,
                                probe_result& out) {
    error_code ec;
    const auto executor = co_await asio::this_coro::executor;
    tcp::socket socket(executor);
    bool timed_out = false;
    // Closing the socket ends the pending connect; stop() below keeps it from firing later.
    auto watchdog = std::make_shared<drivers::deadline>(executor, [&socket, &timed_out] {
        timed_out = true;
        error_code ignored;
        socket.close(ignored);
    });
    watchdog->start(timeout);
    watchdog->arm(clock::now() + timeout);
    co_await socket.async_connect(tcp::endpoint(address, port),
                                  asio::redirect_error(asio::use_awaitable, ec));
    watchdog->stop();
    if (ec) {
        out.reason =
            timed_out ? "no answer within " + core::format_duration(timeout) : ec.message();
        co_return;
    }
    out.accepted = true;
    socket.close(ec);
}

}  // namespace

std::vector<probe_result> probe_all(const std::vector<check_target>& targets, nanoseconds timeout) {
    std::vector<probe_result> results(targets.size());
    asio::io_context ioc(1);
    for (std::size_t i = 0; i < targets.size(); ++i) {
        if (!targets[i].tcp) {
            results[i] = probe_socket(targets[i].socket_path);
            continue;
        }
        const auto& target = *targets[i].tcp;
        auto addresses =
            net::resolve_now(core::numeric_host(target.host), net::family_policy::any, timeout);
        if (!addresses) {
            results[i] = {false, true, addresses.error()};
            continue;
        }
        core::spawn(ioc.get_executor(),
                    probe_tcp(addresses->front(), target.port, timeout, results[i]),
                    "check: connect");
    }
    ioc.run();
    return results;
}

}  // namespace faultline::cli
