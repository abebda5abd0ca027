#include "address_probe.hpp"

#include <cerrno>
#include <cstring>
#include <memory>
#include <thread>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <faultline/core/asio.hpp>
#include <faultline/core/spawn.hpp>
#include <faultline/core/units.hpp>
#include <faultline/drivers/deadline.hpp>
#include <faultline/net/resolve_now.hpp>
#include <faultline/net/tls_socket.hpp>

namespace faultline::cli {
namespace {

// A name's addresses, or why it has none.
struct lookup {
    std::vector<asio::ip::address> addresses;
    std::string error;
};

void resolve_into(lookup& out, const std::string& host, net::family_policy family,
                  nanoseconds timeout) {
    auto found = net::resolve_now(host, family, timeout);
    if (!found)
        out.error = std::move(found.error());
    else if (found->empty())
        out.error = "the name has no address";
    else
        out.addresses = std::move(*found);
}

// A Unix socket connect never waits on a network: it is accepted, refused or missing at once.
probe_result probe_socket(const std::string& path) {
    probe_result out;
    sockaddr_un address{};
    if (path.size() >= sizeof address.sun_path) {
        out.reason = "the socket path is too long";
        return out;
    }
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        out.reason = std::strerror(errno);
        return out;
    }
    const int rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    const int error = rc == 0 ? 0 : errno;
    ::close(fd);
    out.accepted = error == 0;
    if (error != 0)
        out.reason = std::strerror(error);
    return out;
}

// One address: connect and, with `tls`, the handshake with `host`, all within `timeout`.
struct tcp_probe {
    tcp::endpoint endpoint;
    std::string host;
    std::shared_ptr<const net::tls_context> tls;
    std::string tls_error;  // the TLS settings could not be loaded (a file gone since loading)
    nanoseconds timeout;
};

asio::awaitable<void> handshake(tcp::socket& socket, const tcp_probe& p, const bool& timed_out,
                                probe_result& out) {
    net::tls_socket stream(socket, *p.tls);
    stream.start(p.host, nullptr);
    error_code ec;
    co_await stream.handshake(ec);
    if (!ec) {
        out.tls = tls_outcome::ok;
        out.peer = net::peer_certificate(stream.native_handle());
        co_await stream.flush(ec);  // the server sees the handshake finish
        co_return;
    }
    if (timed_out) {
        out.tls = tls_outcome::handshake_failed;
        out.reason = "no handshake within " + core::format_duration(p.timeout);
        co_return;
    }
    const auto failure = net::read_failure(stream.native_handle(), ec);
    out.tls = failure.verify ? tls_outcome::verify_failed : tls_outcome::handshake_failed;
    out.reason = failure.reason;
}

asio::awaitable<void> probe_tcp(tcp_probe p, probe_result& out) {
    error_code ec;
    const auto executor = co_await asio::this_coro::executor;
    tcp::socket socket(executor);
    bool timed_out = false;
    // Closing the socket ends the pending operation; stop() below keeps it from firing later.
    auto watchdog = std::make_shared<drivers::deadline>(executor, [&socket, &timed_out] {
        timed_out = true;
        error_code ignored;
        socket.close(ignored);
    });
    watchdog->start(p.timeout);
    watchdog->arm(clock::now() + p.timeout);
    co_await socket.async_connect(p.endpoint, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
        watchdog->stop();
        out.reason =
            timed_out ? "no answer within " + core::format_duration(p.timeout) : ec.message();
        co_return;
    }
    out.accepted = true;
    if (p.tls) {
        co_await handshake(socket, p, timed_out, out);
    } else if (!p.tls_error.empty()) {
        out.tls = tls_outcome::handshake_failed;
        out.reason = p.tls_error;
    }
    watchdog->stop();
    socket.close(ec);
}

}  // namespace

std::vector<std::vector<probe_result>> probe_all(const std::vector<check_target>& targets,
                                                 const std::vector<bool>& skip,
                                                 net::family_policy family, nanoseconds timeout) {
    std::vector<std::vector<probe_result>> results(targets.size());
    // Every name at once: one slow resolver answer costs `timeout` once, not once per name
    // (each resolve_now is bounded by it).
    std::vector<lookup> lookups(targets.size());
    {
        std::vector<std::thread> resolvers;
        for (std::size_t i = 0; i < targets.size(); ++i) {
            if ((i < skip.size() && skip[i]) || !targets[i].tcp)
                continue;
            resolvers.emplace_back([&lookups, i, host = targets[i].tcp->host, family, timeout] {
                resolve_into(lookups[i], host, family, timeout);
            });
        }
        for (auto& t : resolvers)
            t.join();
    }
    asio::io_context ioc(1);
    for (std::size_t i = 0; i < targets.size(); ++i) {
        if (i < skip.size() && skip[i])
            continue;
        if (!targets[i].tcp) {
            results[i].push_back(probe_socket(targets[i].socket_path));
            continue;
        }
        const auto& target = *targets[i].tcp;
        const bool literal = core::is_ip_literal(target.host);
        const auto& addresses = lookups[i].addresses;
        if (addresses.empty()) {
            probe_result failed;
            failed.dns_failed = true;
            failed.reason = lookups[i].error;
            results[i].push_back(std::move(failed));
            continue;
        }
        std::shared_ptr<const net::tls_context> tls;
        std::string tls_error;
        if (targets[i].tls && !targets[i].started_by_run) {
            auto made = net::tls_context::make(*targets[i].tls);
            if (made)
                tls = *made;
            else
                tls_error = made.error();
        }
        results[i].resize(addresses.size());
        for (std::size_t a = 0; a < addresses.size(); ++a) {
            if (!literal)
                results[i][a].address = addresses[a].to_string();
            core::spawn(
                ioc.get_executor(),
                probe_tcp({{addresses[a], target.port}, target.host, tls, tls_error, timeout},
                          results[i][a]),
                "check: connect");
        }
    }
    ioc.run();
    return results;
}

}  // namespace faultline::cli
