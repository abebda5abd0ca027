#pragma once
// The address rules of proxies, as Toxiproxy has them: a listen address is a literal address of
// this machine ("0.0.0.0" and "[::]" for every interface; "" and ":PORT" bind 127.0.0.1, never
// every interface, and "localhost" is 127.0.0.1); an upstream is an address or a host name,
// resolved at each dial (a Compose service name follows its container).
#include <string>

#include <faultline/core/asio.hpp>
#include <faultline/core/endpoint.hpp>
#include <faultline/core/expected.hpp>

namespace faultline::proxies {

/// A listen address, parsed and normalised ("127.0.0.1:8080", "[::]:8080").
struct listen_address {
    tcp::endpoint endpoint;
    std::string text;
};

/// An upstream: where links dial, as given ("db:5432", "127.0.0.1:5432").
struct upstream_address {
    core::host_port target;
    std::string text;
};

/// Parses a listen address; "" and ":PORT" get host 127.0.0.1, "" gets port 0. Errors are
/// messages for "bad request body: ...".
expected<listen_address, std::string> parse_listen_address(const std::string& text);

/// Parses an upstream address (host and port required).
expected<upstream_address, std::string> parse_upstream_address(const std::string& text);

/// "ADDRESS:PORT" of an endpoint, IPv6 in brackets.
std::string endpoint_text(const tcp::endpoint& endpoint);

}  // namespace faultline::proxies
