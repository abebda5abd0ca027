#include "system_lookup.hpp"

#include <algorithm>
#include <cstring>
#include <thread>

#include <netdb.h>
#include <sys/socket.h>

namespace faultline::net::detail {
namespace {

asio::ip::address to_address(const addrinfo& entry) {
    if (entry.ai_family == AF_INET6) {
        sockaddr_in6 in6{};
        std::memcpy(&in6, entry.ai_addr, sizeof in6);
        asio::ip::address_v6::bytes_type bytes{};
        std::memcpy(bytes.data(), &in6.sin6_addr, bytes.size());
        return asio::ip::address_v6(bytes, in6.sin6_scope_id);
    }
    sockaddr_in in4{};
    std::memcpy(&in4, entry.ai_addr, sizeof in4);
    asio::ip::address_v4::bytes_type bytes{};
    std::memcpy(bytes.data(), &in4.sin_addr, bytes.size());
    return asio::ip::address_v4(bytes);
}

const char* no_address_message(family_policy family) {
    return family == family_policy::ipv4   ? "no IPv4 address"
           : family == family_policy::ipv6 ? "no IPv6 address"
                                           : "no address";
}

}  // namespace

lookup_result system_lookup(const std::string& host, family_policy family) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_family = family == family_policy::ipv4   ? AF_INET
                      : family == family_policy::ipv6 ? AF_INET6
                                                      : AF_UNSPEC;
    addrinfo* found = nullptr;
    const int status = ::getaddrinfo(host.c_str(), nullptr, &hints, &found);
    if (status != 0)
        return make_unexpected(std::string(::gai_strerror(status)));
    std::vector<asio::ip::address> out;
    for (const addrinfo* entry = found; entry != nullptr; entry = entry->ai_next) {
        if (entry->ai_family != AF_INET && entry->ai_family != AF_INET6)
            continue;
        const auto address = to_address(*entry);
        if (std::find(out.begin(), out.end(), address) == out.end())
            out.push_back(address);
    }
    ::freeaddrinfo(found);
    if (out.empty())
        return make_unexpected(std::string(no_address_message(family)));
    return out;
}

void run_detached(std::function<void()> work) {
    std::thread(std::move(work)).detach();
}

void lookup_detached(std::string host, family_policy family,
                     std::function<void(lookup_result)> done) {
    run_detached([host = std::move(host), family, done = std::move(done)] {
        done(system_lookup(host, family));
    });
}

}  // namespace faultline::net::detail
